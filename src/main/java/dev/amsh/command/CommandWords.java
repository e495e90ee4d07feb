package dev.amsh.command;

import dev.amsh.vocabulary.Closeness;
import dev.amsh.vocabulary.Texts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words after a command's name, read against its {@link CommandSpec}: which positional
 * values and options are given, and, for a line still being typed, what the word at the cursor
 * is. The parser reads a whole line strictly (every problem is a {@link UsageException});
 * completion reads the words before the cursor leniently. Both use this one reader, so Tab
 * never proposes what the parser would read differently.
 *
 * <p>Options may stand before, between or after positional words; {@code --} ends them. A flag
 * takes no value; any other option takes the next word or {@code --name=value}; short flags
 * combine ({@code -fy}).
 */
public final class CommandWords {

    private static final String END_OF_OPTIONS = "--";
    /** How many edits a mistyped option name may be from the one suggested. */
    private static final int TYPO_EDITS = 2;

    private final CommandSpec spec;
    private final boolean strict;
    /** Whether only the options before the first positional word are read ({@link #readLeading}). */
    private final boolean leading;
    private final List<String> positionals = new ArrayList<>();
    private final List<String> rest = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private OptionSpec pendingOption;
    private boolean optionsEnded;

    private CommandWords(CommandSpec spec, boolean strict, boolean leading) {
        this.spec = spec;
        this.strict = strict;
        this.leading = leading;
    }

    /** A whole line's words, as the parser reads them: an unknown option, a missing value or argument is refused. */
    public static CommandWords read(CommandSpec spec, List<String> words) {
        CommandWords read = new CommandWords(spec, true, false);
        read.readAll(words);
        read.checkValueGiven();
        read.checkArgumentCount();
        return read;
    }

    /**
     * The options that stand before the first other word, read strictly, as amsh's own options stand
     * before the command; {@link #rest()} is that word and every one after it. {@code --} ends them.
     */
    public static CommandWords readLeading(CommandSpec spec, List<String> words) {
        CommandWords read = new CommandWords(spec, true, true);
        read.readAll(words);
        read.checkValueGiven();
        return read;
    }

    /** The complete words before the cursor, read leniently: what is not understood is passed over. */
    public static CommandWords readBeforeCursor(CommandSpec spec, List<String> words) {
        CommandWords read = new CommandWords(spec, false, false);
        read.readAll(words);
        return read;
    }

    /** Whether the words ask for the command's help ({@code --help} or {@code -h} before any {@code --}). */
    public static boolean asksForHelp(List<String> words) {
        for (String word : words) {
            if (word.equals(END_OF_OPTIONS)) {
                return false;
            }
            if (word.equals("--help") || word.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    public CommandSpec spec() {
        return spec;
    }

    public List<String> positionals() {
        return Collections.unmodifiableList(positionals);
    }

    /** After {@link #readLeading}: the words from the first one that is not an option on. */
    public List<String> rest() {
        return Collections.unmodifiableList(rest);
    }

    /** Given options by long name, in the order given; a flag's value is {@code true}. */
    public Map<String, String> options() {
        return Collections.unmodifiableMap(options);
    }

    public boolean given(String longName) {
        return options.containsKey(longName);
    }

    /** The value of the first argument or option that {@code completer} completes, if it is on the line. */
    public Optional<String> valueCompletedBy(Class<? extends ValueCompleter> completer) {
        List<ArgumentSpec> arguments = spec.arguments();
        for (int i = 0; i < positionals.size() && i < arguments.size(); i++) {
            if (arguments.get(i).completer() == completer) {
                return Optional.of(positionals.get(i));
            }
        }
        return spec.options().stream()
                .filter(option -> option.completer() == completer && options.containsKey(option.longName()))
                .map(option -> options.get(option.longName()))
                .findFirst();
    }

    /** What the word at the cursor is, after these words. */
    public Typing typing(String typed) {
        if (pendingOption != null) {
            return new Typing.OptionValue(pendingOption, "", typed);
        }
        if (!optionsEnded && typed.startsWith("-")) {
            int equals = typed.indexOf('=');
            if (equals < 0) {
                return new Typing.OptionName(typed);
            }
            Optional<OptionSpec> option = optionNamed(typed.substring(0, equals));
            return option.filter(o -> !o.isFlag())
                    .<Typing>map(o -> new Typing.OptionValue(o, typed.substring(0, equals + 1), typed.substring(equals + 1)))
                    .orElse(new Typing.Nothing(typed));
        }
        if (positionals.size() < spec.arguments().size()) {
            return new Typing.Argument(spec.arguments().get(positionals.size()), typed);
        }
        return new Typing.Nothing(typed);
    }

    /** The word at the cursor: an option's name, an option's value, a positional argument, or nothing the command takes. */
    public sealed interface Typing {

        String typed();

        record OptionName(String typed) implements Typing {
        }

        /** @param prefix {@code --name=} when the value is typed inline, else empty */
        record OptionValue(OptionSpec option, String prefix, String typed) implements Typing {
        }

        record Argument(ArgumentSpec argument, String typed) implements Typing {
        }

        record Nothing(String typed) implements Typing {
        }
    }

    private void readAll(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (pendingOption != null) {
                if (isOptionLike(word)) {
                    // A value starting with '-' must be given as --opt=-1; a word that is no option says how.
                    if (strict) {
                        UsageException missing = needsValue(pendingOption);
                        throw optionNamed(word).isPresent() || word.equals(END_OF_OPTIONS) ? missing
                                : new UsageException(missing.getMessage() + "; '" + Texts.abbreviate(word)
                                        + "' reads as an option: write --" + pendingOption.longName() + "="
                                        + Texts.abbreviate(word));
                    }
                    pendingOption = null;
                }
                else {
                    accept(pendingOption, word);
                    pendingOption = null;
                    continue;
                }
            }
            if (leading && (optionsEnded || !isOptionLike(word))) {
                rest.addAll(words.subList(i, words.size()));
                return;
            }
            if (optionsEnded || !isOptionLike(word)) {
                positionals.add(word);
            }
            else if (word.equals(END_OF_OPTIONS)) {
                optionsEnded = true;
            }
            else if (word.startsWith("--")) {
                readLongOption(word);
            }
            else {
                readShortOptions(word);
            }
        }
    }

    private void readLongOption(String word) {
        int equals = word.indexOf('=');
        String name = equals < 0 ? word : word.substring(0, equals);
        Optional<OptionSpec> option = spec.optionByLongName(name.substring(2));
        if (option.isEmpty()) {
            refuse(unknownOption(name));
            return;
        }
        readValue(option.get(), equals < 0 ? null : word.substring(equals + 1));
    }

    /** {@code -v 1}, {@code -v=1}, {@code -f}, or flags combined as {@code -fy}. */
    private void readShortOptions(String word) {
        int equals = word.indexOf('=');
        String inlineValue = equals < 0 ? null : word.substring(equals + 1);
        int[] letters = (equals < 0 ? word : word.substring(0, equals)).substring(1).codePoints().toArray();
        if (letters.length == 0) {
            refuse(unknownOption(word));
            return;
        }
        List<OptionSpec> named = new ArrayList<>();
        for (int letter : letters) {
            Optional<OptionSpec> option = Character.isBmpCodePoint(letter)
                    ? spec.optionByShortName((char) letter) : Optional.empty();
            if (option.isEmpty()) {
                refuse(unknownOption("-" + Character.toString(letter)));
                return;
            }
            if (letters.length > 1 && !option.get().isFlag()) {
                refuse(new UsageException("option -" + Character.toString(letter) + " takes a value, so it cannot be"
                        + " combined with other options in '" + Texts.abbreviate(word) + "'"));
                return;
            }
            named.add(option.get());
        }
        for (int i = 0; i < named.size(); i++) {
            // In -fy=x the value would belong to the last flag, which takes none.
            readValue(named.get(i), i == named.size() - 1 ? inlineValue : null);
        }
    }

    private void readValue(OptionSpec option, String inlineValue) {
        if (options.containsKey(option.longName())) {
            refuse(new UsageException("option --" + option.longName() + " given more than once"));
        }
        if (option.isFlag()) {
            if (inlineValue != null) {
                refuse(new UsageException("option --" + option.longName() + " takes no value"));
            }
            options.put(option.longName(), "true");
        }
        else if (inlineValue != null) {
            accept(option, inlineValue);
        }
        else {
            pendingOption = option;
        }
    }

    private void accept(OptionSpec option, String value) {
        if (option.kind() == ValueKind.CHOICE && !option.choices().contains(value)) {
            refuse(new UsageException("--" + option.longName() + " must be one of " + String.join(", ", option.choices())
                    + "; not '" + Texts.abbreviate(value) + "'"));
        }
        options.put(option.longName(), value);
    }

    private Optional<OptionSpec> optionNamed(String word) {
        if (word.startsWith("--")) {
            return spec.optionByLongName(word.substring(2));
        }
        return word.length() == 2 ? spec.optionByShortName(word.charAt(1)) : Optional.empty();
    }

    private void checkValueGiven() {
        if (pendingOption != null) {
            throw needsValue(pendingOption);
        }
    }

    private UsageException needsValue(OptionSpec option) {
        // Before the command there is no command to name: amsh's own options are named alone.
        return new UsageException((leading ? "" : "option ") + "--" + option.longName() + " needs a value ("
                + option.valueName() + ")");
    }

    private void checkArgumentCount() {
        List<ArgumentSpec> declared = spec.arguments();
        if (positionals.size() > declared.size()) {
            throw new UsageException("too many arguments for '" + spec.name() + "': '"
                    + Texts.abbreviate(positionals.get(declared.size())) + "'; usage: " + spec.usage());
        }
        for (ArgumentSpec missing : declared.subList(positionals.size(), declared.size())) {
            if (missing.required()) {
                throw new UsageException("missing " + missing.usage() + "; usage: " + spec.usage());
            }
        }
    }

    /** Strict reading stops at the first problem; lenient reading passes it over. */
    private void refuse(UsageException problem) {
        if (strict) {
            throw problem;
        }
    }

    private UsageException unknownOption(String option) {
        // A single mistyped letter (-q) is too short to guess from.
        Optional<String> close = !option.startsWith("--") ? Optional.empty() : Closeness.closest(option.substring(2),
                spec.options().stream().map(OptionSpec::longName).toList(), 1, TYPO_EDITS).stream().findFirst();
        Optional<OptionSpec> global = spec == GlobalSpec.AMSH || !option.startsWith("--") ? Optional.empty()
                : GlobalSpec.AMSH.optionByLongName(option.substring(2));
        String hint = global.map(o -> "it is an option of amsh itself, given before the command: "
                        + GlobalSpec.moved(o, spec.name()))
                .or(() -> close.map(name -> "did you mean --" + name + "?"))
                .orElse("see '" + spec.name() + " --help'");
        return new UnknownOptionException("unknown option " + Texts.abbreviate(option) + " for '" + spec.name() + "'; "
                + hint, option, close);
    }

    static boolean isOptionLike(String word) {
        return word.length() > 1 && word.startsWith("-");
    }
}
