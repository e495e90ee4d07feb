package dev.amsh.command;

/**
 * One positional argument of a command.
 *
 * @param name        its name in help ({@code image}, {@code image_path})
 * @param kind        what it is
 * @param required    whether the command needs it
 * @param description one line for help
 * @param completer   what completes its values from the catalog, or {@code null}
 */
public record ArgumentSpec(String name, ValueKind kind, boolean required, String description,
        Class<? extends ValueCompleter> completer) {

    public static ArgumentSpec required(String name, ValueKind kind, String description) {
        return new ArgumentSpec(name, kind, true, description, null);
    }

    public static ArgumentSpec optional(String name, ValueKind kind, String description) {
        return new ArgumentSpec(name, kind, false, description, null);
    }

    /** The same argument, its values completed by {@code completer}. */
    public ArgumentSpec completedBy(Class<? extends ValueCompleter> completer) {
        return new ArgumentSpec(name, kind, required, description, completer);
    }

    public String usage() {
        return required ? "<" + name + ">" : "[<" + name + ">]";
    }
}
