package dev.amsh.shell;

import dev.amsh.command.CommandWords;
import dev.amsh.command.GlobalSpec;
import dev.amsh.command.UsageException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The options that stand before the command, as {@link GlobalSpec#AMSH} describes them:
 * {@code --catalog DIR}, {@code --catalog-url URL}, {@code --allow-foreign-catalog} (open a catalog
 * that belongs to another user), {@code --debug}, {@code --version}, {@code --no-service} (run the
 * command in this process when no service runs), and {@code --help} or {@code -h} (the {@code help}
 * command). Everything from the first other word on is the command ({@code serve} is run by the
 * launcher itself).
 */
public record GlobalOptions(Optional<String> catalog, Optional<String> catalogUrl, boolean allowForeignCatalog,
        boolean debug, boolean version, boolean noService, List<String> commandWords) {

    /**
     * For {@code help}: the global options and the environment, one line each. Made when asked for, not
     * when the class loads: every client parses its options with this class, and formatting costs a
     * Tab in bash milliseconds.
     */
    public static List<String> described() {
        return Stream.concat(
            GlobalSpec.AMSH.options().stream().map(option -> String.format("%-28s%s", option.usage(),
                    option.description())),
            Stream.of(
            "serve [--idle DURATION]     run the catalog's service in the foreground (for systemd) until stopped",
            "serve --status | --stop     who serves the catalog and who is connected | stop its service",
            "dashboard [--port N]        open the dashboard in the catalog's service; prints a one-time link",
            "serve --dashboard           the service with the dashboard, in the foreground (options as for dashboard)",
            "AMSH_SERVICE=off            as --no-service",
            "AMSH_SERVICE_IDLE           how long a background service waits without a command or a dashboard page (10m)",
            "AMSH_CATALOG                the catalog directory when --catalog is not given",
            "AMSH_CATALOG_URL            a shared catalog's JDBC URL when no option names a catalog",
            "AMSH_CATALOG_USER           the user for a catalog URL (else ~/.config/amsh/catalog.credentials, else asked)",
            "AMSH_CATALOG_PASSWORD       the password for a catalog URL (never in the URL itself)",
            "AMSH_IMAGE_SERVER_PASSWORD  the image server password, instead of the 0600 file beside the catalog",
            "XDG_DATA_HOME               the default catalog is $XDG_DATA_HOME/amsh/catalog (~/.local/share)"))
            .toList();
    }

    /** @throws UsageException on an option amsh does not take (with the closest it does), or one missing its value */
    public static GlobalOptions parse(String... args) {
        CommandWords read = CommandWords.readLeading(GlobalSpec.AMSH, Arrays.asList(args));
        List<String> command = new ArrayList<>(read.rest());
        if (read.given("help")) {
            // amsh --help [image delete] is help [image delete]
            command.add(0, "help");
        }
        if (!command.isEmpty() && command.get(0).startsWith("@") && command.get(0).length() > 1) {
            // amsh @file is short for amsh script file
            command.set(0, command.get(0).substring(1));
            command.add(0, "script");
        }
        return new GlobalOptions(value(read, "catalog"), value(read, "catalog-url"), read.given("allow-foreign-catalog"),
                read.given("debug"), read.given("version"), read.given("no-service"), command);
    }

    private static Optional<String> value(CommandWords read, String option) {
        Optional<String> value = Optional.ofNullable(read.options().get(option));
        if (value.isPresent() && value.get().isBlank()) {
            throw new UsageException("--" + option + " needs a value ("
                    + GlobalSpec.AMSH.optionByLongName(option).orElseThrow().valueName() + ")");
        }
        return value;
    }
}
