package dev.amsh.command;

import java.util.List;

/**
 * One option of a command. A flag ({@code kind == null}) takes no value; any other option takes
 * exactly one, as {@code --name value} or {@code --name=value}.
 *
 * @param longName    the name after {@code --}
 * @param shortName   the letter after {@code -}, or {@code ' '} for none
 * @param kind        the kind of value, or {@code null} for a flag
 * @param choices     the allowed values of a {@link ValueKind#CHOICE} option
 * @param description one line for help and completion
 * @param completer   what completes its values from the catalog, or {@code null}
 * @param label       the value's name in help and errors ({@code DIR}), or empty to name it by its kind
 */
public record OptionSpec(String longName, char shortName, ValueKind kind, List<String> choices, String description,
        Class<? extends ValueCompleter> completer, String label) {

    public static final char NO_SHORT_NAME = ' ';

    public OptionSpec {
        choices = List.copyOf(choices);
    }

    public static OptionSpec flag(String longName, String description) {
        return new OptionSpec(longName, NO_SHORT_NAME, null, List.of(), description, null, "");
    }

    public static OptionSpec flag(String longName, char shortName, String description) {
        return new OptionSpec(longName, shortName, null, List.of(), description, null, "");
    }

    public static OptionSpec value(String longName, ValueKind kind, String description) {
        return new OptionSpec(longName, NO_SHORT_NAME, kind, List.of(), description, null, "");
    }

    public static OptionSpec value(String longName, char shortName, ValueKind kind, String description) {
        return new OptionSpec(longName, shortName, kind, List.of(), description, null, "");
    }

    public static OptionSpec choice(String longName, List<String> choices, String description) {
        return new OptionSpec(longName, NO_SHORT_NAME, ValueKind.CHOICE, choices, description, null, "");
    }

    /** The same option, its values completed by {@code completer}. */
    public OptionSpec completedBy(Class<? extends ValueCompleter> completer) {
        return new OptionSpec(longName, shortName, kind, choices, description, completer, label);
    }

    /** The same option, its value named {@code label} in help and errors ({@code --catalog DIR}). */
    public OptionSpec labelled(String label) {
        return new OptionSpec(longName, shortName, kind, choices, description, completer, label);
    }

    public boolean isFlag() {
        return kind == null;
    }

    public boolean hasShortName() {
        return shortName != NO_SHORT_NAME;
    }

    /** {@code --version N, -v N} or {@code --force, -f}, for help. */
    public String usage() {
        String value = isFlag() ? "" : " " + valueName();
        String shortForm = hasShortName() ? ", -" + shortName + value : "";
        return "--" + longName + value + shortForm;
    }

    public String valueName() {
        if (!label.isEmpty()) {
            return label;
        }
        if (kind == ValueKind.CHOICE) {
            return String.join("|", choices);
        }
        return switch (kind) {
            case FILE -> "<file>";
            case NUMBER -> "N";
            default -> "<" + longName + ">";
        };
    }
}
