package dev.amsh.shell;

import dev.amsh.command.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The options that stand before the command: {@code --catalog DIR}, {@code --catalog-url URL},
 * {@code --allow-foreign-catalog} (open a catalog that belongs to another user), {@code --debug},
 * {@code --version}, {@code --no-service} (run the command in this process when no service runs),
 * and {@code --help} or {@code -h} (the {@code help} command). Everything
 * from the first other word on is the command ({@code serve} is run by the launcher itself).
 */
public record GlobalOptions(Optional<String> catalog, Optional<String> catalogUrl, boolean allowForeignCatalog,
        boolean debug, boolean version, boolean noService, List<String> commandWords) {

    /** For {@code help}: the global options and the environment, one line each. */
    public static final List<String> DESCRIBED = List.of(
            "--catalog DIR               the catalog directory (beats AMSH_CATALOG)",
            "--catalog-url URL           a shared catalog on a database server (beats AMSH_CATALOG_URL)",
            "--allow-foreign-catalog     (root only) open a catalog that belongs to another user",
            "--debug                     show warnings and stack traces (of a command run in its own process)",
            "--version                   print amsh's version",
            "--no-service                start no service: run in this process unless one already runs",
            "--help, -h                  this help",
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
            "XDG_DATA_HOME               the default catalog is $XDG_DATA_HOME/amsh/catalog (~/.local/share)");

    public static GlobalOptions parse(String... args) {
        Optional<String> catalog = Optional.empty();
        Optional<String> catalogUrl = Optional.empty();
        boolean allowForeignCatalog = false;
        boolean debug = false;
        boolean version = false;
        boolean noService = false;
        boolean help = false;
        int i = 0;
        while (i < args.length) {
            String word = args[i];
            if (word.equals("--debug")) {
                debug = true;
                i++;
            }
            else if (word.equals("--version")) {
                version = true;
                i++;
            }
            else if (word.equals("--no-service")) {
                noService = true;
                i++;
            }
            else if (word.equals("--help") || word.equals("-h")) {
                help = true;
                i++;
            }
            else if (word.equals("--allow-foreign-catalog")) {
                allowForeignCatalog = true;
                i++;
            }
            else if (word.equals("--catalog") || word.startsWith("--catalog=")) {
                catalog = Optional.of(value(args, i, "--catalog", "DIR"));
                i += word.contains("=") ? 1 : 2;
            }
            else if (word.equals("--catalog-url") || word.startsWith("--catalog-url=")) {
                catalogUrl = Optional.of(value(args, i, "--catalog-url", "URL"));
                i += word.contains("=") ? 1 : 2;
            }
            else {
                break;
            }
        }
        List<String> command = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
        if (help) {
            // amsh --help [image delete] is help [image delete]
            command.add(0, "help");
        }
        if (!command.isEmpty() && command.get(0).startsWith("@") && command.get(0).length() > 1) {
            // amsh @file is short for amsh script file
            command.set(0, command.get(0).substring(1));
            command.add(0, "script");
        }
        return new GlobalOptions(catalog, catalogUrl, allowForeignCatalog, debug, version, noService, command);
    }

    private static String value(String[] args, int i, String option, String valueName) {
        String word = args[i];
        String value = word.contains("=") ? word.substring(word.indexOf('=') + 1)
                : i + 1 < args.length ? args[i + 1] : "";
        if (value.isBlank()) {
            throw new UsageException(option + " needs a value (" + valueName + ")");
        }
        return value;
    }
}
