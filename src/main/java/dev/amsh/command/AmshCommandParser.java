package dev.amsh.command;

import dev.amsh.vocabulary.Closeness;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ParsedInput;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a command line against the {@link CommandSpec} of the command it names, replacing
 * Spring Shell's default parser, which gives a flag the next word as its value, looks options
 * up on the root command only and splits quotes badly.
 *
 * <p>The command is the longest run of leading words naming a registered command; options may
 * come before, between or after positional words, but not among the command words
 * ({@code image --force delete x} is an unknown command). Every problem is a one-line
 * {@link UsageException}.
 */
public final class AmshCommandParser implements CommandParser {

    /** Lines copied from amc scripts start with it; amsh ignores it. */
    private static final String AMC_PREFIX = "amc";
    private static final String END_OF_OPTIONS = "--";
    private static final String HELP_COMMAND = "help";
    /** How many edits a mistyped command may be from the one suggested ({@code imgae} is two). */
    private static final int TYPO_EDITS = 2;
    private static final CommandOption HELP = CommandOption.with()
            .longName("help").shortName('h').value("true").type(boolean.class).build();

    private final CommandRegistry commandRegistry;

    public AmshCommandParser(CommandRegistry commandRegistry) {
        this.commandRegistry = commandRegistry;
    }

    @Override
    public ParsedInput parse(String line) {
        return parse(LineTokenizer.tokenize(line));
    }

    /** Parses words already split, as the operating system hands a one-shot command's argv. */
    public ParsedInput parse(List<String> words) {
        List<String> line = !words.isEmpty() && words.get(0).equals(AMC_PREFIX) ? words.subList(1, words.size()) : words;
        if (line.isEmpty()) {
            throw new UsageException("empty command");
        }
        Optional<String> group = helpOfGroup(line);
        if (group.isPresent()) {
            // image --help is help image: a group's help is the list of its commands.
            return ParsedInput.builder().commandName(HELP_COMMAND)
                    .addArgument(new CommandArgument(0, group.get())).build();
        }
        CommandMatch match = findCommand(line);
        List<String> rest = line.subList(match.words().size(), line.size());

        ParsedInput.Builder input = ParsedInput.builder().commandName(match.words().get(0));
        match.words().subList(1, match.words().size()).forEach(input::addSubCommand);
        if (match.command() instanceof AmshCommand amshCommand) {
            readBySpec(amshCommand.spec(), rest, input);
        } else {
            readLeniently(match.command(), rest, input);
        }
        return input.build();
    }

    private record CommandMatch(List<String> words, Command command) {
    }

    /** The group whose help the line asks for ({@code image --help}, {@code app -h}), by its commands' name. */
    private Optional<String> helpOfGroup(List<String> line) {
        List<String> names = leadingNameWords(line);
        String typed = String.join(" ", names);
        if (names.isEmpty() || commandRegistry.getCommandByName(typed) != null
                || !CommandWords.asksForHelp(line.subList(names.size(), line.size()))) {
            return Optional.empty();
        }
        return commandRegistry.getCommands().stream()
                .filter(command -> !command.isHidden())
                .filter(command -> Stream.concat(Stream.of(command.getName()), command.getAliases().stream())
                        .anyMatch(name -> name.startsWith(typed + " ")))
                .map(command -> List.of(command.getName().split(" ")))
                .map(words -> String.join(" ", words.subList(0, Math.min(names.size(), words.size()))))
                .findFirst();
    }

    private CommandMatch findCommand(List<String> line) {
        List<String> candidates = leadingNameWords(line);
        for (int count = candidates.size(); count > 0; count--) {
            List<String> prefix = candidates.subList(0, count);
            Command command = commandRegistry.getCommandByName(String.join(" ", prefix));
            if (command != null) {
                return new CommandMatch(prefix, command);
            }
        }
        throw unknownCommand(candidates, line.get(0));
    }

    /** The leading words that could be part of a command name, no more than the longest name has. */
    private List<String> leadingNameWords(List<String> line) {
        int longestName = commandRegistry.getCommands().stream()
                .flatMap(command -> Stream.concat(Stream.of(command.getName()), command.getAliases().stream()))
                .mapToInt(name -> name.split(" ").length)
                .max().orElse(0);
        int count = 0;
        while (count < line.size() && count < longestName && isNameWord(line.get(count))) {
            count++;
        }
        return line.subList(0, count);
    }

    // A quoted word with a space in it must not pass for two command words.
    private static boolean isNameWord(String word) {
        return !word.isEmpty() && !isOptionLike(word) && word.codePoints().noneMatch(Character::isWhitespace);
    }

    /**
     * Suggests the closest command name or alias ({@code imgae list}: did you mean 'image list'?),
     * else names the deepest group the words start and its commands, so {@code image} alone shows
     * what to type.
     */
    private UsageException unknownCommand(List<String> candidates, String firstWord) {
        List<String> names = commandRegistry.getCommands().stream()
                .filter(command -> !command.isHidden())
                .flatMap(command -> Stream.concat(Stream.of(command.getName()), command.getAliases().stream()))
                .toList();
        for (int count = candidates.size(); count > 0; count--) {
            String typed = String.join(" ", candidates.subList(0, count));
            int words = count;
            List<String> close = Closeness.closest(typed, names.stream()
                    .filter(name -> name.split(" ").length == words).toList(), 1, TYPO_EDITS);
            if (!close.isEmpty()) {
                return new UsageException("unknown command '" + Texts.abbreviate(typed) + "'; did you mean '"
                        + close.get(0) + "'?");
            }
        }
        for (int count = candidates.size(); count > 0; count--) {
            String group = String.join(" ", candidates.subList(0, count));
            List<String> members = commandRegistry.getCommands().stream()
                    .filter(command -> !command.isHidden())
                    .map(Command::getName)
                    .filter(name -> name.startsWith(group + " "))
                    .sorted()
                    .toList();
            if (!members.isEmpty()) {
                String typed = String.join(" ", candidates.subList(0, Math.min(count + 1, candidates.size())));
                return new UsageException("unknown command '" + Texts.abbreviate(typed) + "'; try: "
                        + String.join(", ", members));
            }
        }
        return new UsageException("unknown command '" + Texts.abbreviate(firstWord) + "'");
    }

    /**
     * Spring Shell's own commands have no spec: their declared options are read in the usual
     * forms, and every other word is positional ({@code help image delete}).
     */
    private static void readLeniently(Command command, List<String> words, ParsedInput.Builder input) {
        int argumentIndex = 0;
        boolean optionsEnded = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!optionsEnded && word.equals(END_OF_OPTIONS)) {
                optionsEnded = true;
                continue;
            }
            OptionWord optionWord = OptionWord.of(word);
            Optional<CommandOption> declared = optionsEnded || !isOptionLike(word) ? Optional.empty()
                    : command.getOptions().stream().filter(o -> o.isOptionEqual(optionWord.name())).findFirst();
            if (declared.isEmpty()) {
                input.addArgument(new CommandArgument(argumentIndex++, word));
                continue;
            }
            CommandOption option = declared.get();
            boolean isFlag = option.type() == boolean.class || option.type() == Boolean.class;
            String value = optionWord.inlineValue();
            if (value == null) {
                value = isFlag ? "true" : i + 1 < words.size() ? words.get(++i) : null;
            }
            CommandOption.Builder given = CommandOption.with().shortName(option.shortName()).type(option.type());
            if (option.longName() != null) {
                given.longName(option.longName());
            }
            if (value != null) {
                given.value(value);
            }
            input.addOption(given.build());
        }
    }

    private static boolean isOptionLike(String word) {
        return CommandWords.isOptionLike(word);
    }

    /** {@code --name=value} or {@code -n=value} cut at the first {@code =}; no {@code =} leaves the value null. */
    private record OptionWord(String name, String inlineValue) {

        static OptionWord of(String word) {
            int equals = word.indexOf('=');
            return equals < 0 ? new OptionWord(word, null)
                    : new OptionWord(word.substring(0, equals), word.substring(equals + 1));
        }
    }

    /** The words after an amsh command's name, as options and positional arguments Spring Shell hands the command. */
    private static void readBySpec(CommandSpec spec, List<String> words, ParsedInput.Builder input) {
        if (CommandWords.asksForHelp(words)) {
            // Spring Shell's AbstractCommand prints the help when help is the only option.
            input.addOption(HELP);
            return;
        }
        CommandWords read = CommandWords.read(spec, words);
        read.options().forEach((longName, value) -> {
            OptionSpec option = spec.optionByLongName(longName).orElseThrow();
            input.addOption(CommandOption.with()
                    .longName(option.longName())
                    .shortName(option.shortName())
                    .value(value)
                    .type(option.isFlag() ? boolean.class : String.class)
                    .build());
        });
        List<String> positionals = read.positionals();
        for (int i = 0; i < positionals.size(); i++) {
            input.addArgument(new CommandArgument(i, positionals.get(i)));
        }
    }
}
