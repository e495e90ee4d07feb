package dev.amsh.command;

/** Renders a command's help from its spec, so help never disagrees with the parser. */
public final class Help {

    private Help() {
    }

    public static String describe(CommandSpec spec) {
        StringBuilder help = new StringBuilder();
        help.append(spec.name()).append(" - ").append(spec.description()).append('\n');
        help.append("usage: ").append(spec.usage()).append('\n');
        if (!spec.aliases().isEmpty()) {
            help.append("aliases: ").append(String.join(", ", spec.aliases())).append('\n');
        }
        if (!spec.arguments().isEmpty()) {
            help.append("arguments:\n");
            for (ArgumentSpec argument : spec.arguments()) {
                help.append(String.format("  %-28s %s%n", argument.usage(), argument.description()));
            }
        }
        if (!spec.options().isEmpty()) {
            help.append("options:\n");
            for (OptionSpec option : spec.options()) {
                help.append(String.format("  %-28s %s%n", option.usage(), option.description()));
            }
        }
        spec.notes().forEach(line -> help.append(line).append('\n'));
        return help.toString().stripTrailing();
    }
}
