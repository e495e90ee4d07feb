package dev.amsh.command;

import java.util.List;

/**
 * The options of amsh itself, which stand before the command ({@code amsh --catalog DIR image list}),
 * described as a command's options are: the same reader takes them, help lists them, and a command
 * given one of them after its name says where it belongs.
 */
public final class GlobalSpec {

    public static final CommandSpec AMSH = new CommandSpec("amsh", "The image catalog's admin shell", List.of(),
            List.of(OptionSpec.value("catalog", ValueKind.FILE, "the catalog directory (beats AMSH_CATALOG)")
                            .labelled("DIR"),
                    OptionSpec.value("catalog-url", ValueKind.TEXT,
                            "a shared catalog on a database server (beats AMSH_CATALOG_URL)").labelled("URL"),
                    OptionSpec.flag("allow-foreign-catalog", "(root only) open a catalog that belongs to another user"),
                    OptionSpec.flag("debug", "show a failure's stack trace (and, in a command's own process, warnings)"),
                    OptionSpec.flag("version", "print amsh's version"),
                    OptionSpec.flag("no-service", "start no service: run in this process unless one already runs"),
                    OptionSpec.flag("help", 'h', "this help")),
            CatalogAccess.READS);

    private GlobalSpec() {
    }

    /** How a global option given after {@code command} would be written before it. */
    static String moved(OptionSpec option, String command) {
        return "amsh --" + option.longName() + (option.isFlag() ? "" : " " + option.valueName()) + " " + command;
    }
}
