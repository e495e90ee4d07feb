package dev.amsh.command;

/**
 * One positional argument of a command.
 *
 * @param name        its name in help ({@code image}, {@code image_path})
 * @param kind        what it is
 * @param required    whether the command needs it
 * @param description one line for help
 */
public record ArgumentSpec(String name, ValueKind kind, boolean required, String description) {

    public static ArgumentSpec required(String name, ValueKind kind, String description) {
        return new ArgumentSpec(name, kind, true, description);
    }

    public static ArgumentSpec optional(String name, ValueKind kind, String description) {
        return new ArgumentSpec(name, kind, false, description);
    }

    public String usage() {
        return required ? "<" + name + ">" : "[<" + name + ">]";
    }
}
