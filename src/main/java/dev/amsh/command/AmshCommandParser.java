package dev.amsh.command;

import dev.amsh.vocabulary.Closeness;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a command line against the {@link CommandSpec} of the command it names, once: the
 * {@link ParsedCommand} it makes is what the command runs with. Spring Shell's registry finds
 * the command by name or alias; its own parser is not used, since it gives a flag the next word
 * as its value, looks options up on the root command only and splits quotes badly.
 *
 * <p>The command is the longest run of leading words naming a registered command; options may
 * come before, between or after positional words, but not among the command words
 * ({@code image --force delete x} is an unknown command). Every problem is a one-line
 * {@link UsageException}.
 */
public final class AmshCommandParser {

    /** Lines copied from amc scripts start with it; amsh ignores it. */
    private static final String AMC_PREFIX = "amc";
    private static final String HELP_COMMAND = "help";
    /** How many edits a mistyped command may be from the one suggested ({@code imgae} is two). */
    private static final int TYPO_EDITS = 2;

    private final CommandRegistry commandRegistry;
    /** See {@link #longestName()}; 0 until counted. */
    private volatile int longestName;

    public AmshCommandParser(CommandRegistry commandRegistry) {
        this.commandRegistry = commandRegistry;
    }

    public ParsedCommand parse(String line) {
        return parse(LineTokenizer.tokenize(line));
    }

    /** Parses words already split, as the operating system hands a one-shot command's argv. */
    public ParsedCommand parse(List<String> words) {
        List<String> line = !words.isEmpty() && words.get(0).equals(AMC_PREFIX) ? words.subList(1, words.size()) : words;
        if (line.isEmpty()) {
            throw new UsageException("empty command");
        }
        Optional<ParsedCommand> groupHelp = helpOfGroup(line);
        if (groupHelp.isPresent()) {
            return groupHelp.get();
        }
        CommandMatch match = findCommand(line);
        List<String> rest = line.subList(match.words().size(), line.size());
        String typedName = String.join(" ", match.words());
        if (CommandWords.asksForHelp(rest)) {
            return ParsedCommand.help(typedName, match.command());
        }
        return ParsedCommand.run(typedName, match.command(), CommandWords.read(match.command().spec(), rest));
    }

    private record CommandMatch(List<String> words, AmshCommand command) {
    }

    /**
     * A group's help ({@code image --help}, {@code app -h}) is the {@code help} command asked for the
     * group, by its commands' name: the list of its commands.
     */
    private Optional<ParsedCommand> helpOfGroup(List<String> line) {
        List<String> names = leadingNameWords(line);
        String typed = String.join(" ", names);
        if (names.isEmpty() || commandRegistry.getCommandByName(typed) != null
                || !CommandWords.asksForHelp(line.subList(names.size(), line.size()))
                || !(commandRegistry.getCommandByName(HELP_COMMAND) instanceof AmshCommand help)) {
            return Optional.empty();
        }
        return commandRegistry.getCommands().stream()
                .filter(command -> !command.isHidden())
                .filter(command -> Stream.concat(Stream.of(command.getName()), command.getAliases().stream())
                        .anyMatch(name -> name.startsWith(typed + " ")))
                .map(command -> List.of(command.getName().split(" ")))
                .map(words -> words.subList(0, Math.min(names.size(), words.size())))
                .findFirst()
                .map(group -> ParsedCommand.run(HELP_COMMAND, help, CommandWords.read(help.spec(), group)));
    }

    private CommandMatch findCommand(List<String> line) {
        List<String> candidates = leadingNameWords(line);
        for (int count = candidates.size(); count > 0; count--) {
            List<String> prefix = candidates.subList(0, count);
            if (commandRegistry.getCommandByName(String.join(" ", prefix)) instanceof AmshCommand command) {
                return new CommandMatch(prefix, command);
            }
        }
        throw unknownCommand(candidates, line.get(0));
    }

    /** The leading words that could be part of a command name, no more than the longest name has. */
    private List<String> leadingNameWords(List<String> line) {
        int longestName = longestName();
        int count = 0;
        while (count < line.size() && count < longestName && isNameWord(line.get(count))) {
            count++;
        }
        return line.subList(0, count);
    }

    /**
     * The most words a command's name or alias has, counted once: the registry is complete before the
     * first line is read, and a script's every line was paying for the count twice.
     */
    private int longestName() {
        if (longestName == 0) {
            longestName = commandRegistry.getCommands().stream()
                    .flatMap(command -> Stream.concat(Stream.of(command.getName()), command.getAliases().stream()))
                    .mapToInt(name -> name.split(" ").length)
                    .max().orElse(0);
        }
        return longestName;
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

    private static boolean isOptionLike(String word) {
        return CommandWords.isOptionLike(word);
    }
}
