package dev.amsh.dashboard;

import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.CommandWords;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.UnknownOptionException;
import dev.amsh.command.UsageException;
import dev.amsh.command.ValueKind;
import dev.amsh.vocabulary.Texts;
import org.springframework.boot.web.server.PortInUseException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code amsh dashboard [--port N] [--listen ADDR --keystore FILE]}, or the same options after
 * {@code amsh serve --dashboard}: where the dashboard listens.
 * Loopback over HTTP unless told otherwise; any other address only over HTTPS, from a PKCS12
 * keystore whose password comes from the environment (never the command line, which others can read).
 *
 * @param port     the port, or 0 for a free one
 * @param listen   the address to bind instead of 127.0.0.1
 * @param keystore a PKCS12 keystore holding the certificate and its key: serves HTTPS
 */
public record DashboardOptions(int port, Optional<String> listen, Optional<Path> keystore, Optional<String> password) {

    public static final String COMMAND = "dashboard";
    public static final String PASSWORD_VARIABLE = "AMSH_DASHBOARD_KEYSTORE_PASSWORD";
    static final String USAGE = "usage: amsh dashboard [--port N] [--listen ADDR --keystore FILE]";
    static final String SERVE_USAGE = "usage: amsh serve [--status | --dashboard [--port N] [--listen ADDR --keystore FILE]]";
    public static final String LOOPBACK = "127.0.0.1";
    /** Whether the dashboard prints its link when it starts: not when a service opens it for a client. */
    public static final String ANNOUNCE_PROPERTY = "amsh.dashboard.announce";
    private static final String SERVE = "serve";
    private static final String SERVE_FLAG = "--dashboard";
    /** Where the dashboard listens: its options, and {@code serve --dashboard}'s. */
    public static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.value("port", ValueKind.NUMBER, "the port (default: a free one)"),
            OptionSpec.value("listen", ValueKind.TEXT, "an address other than 127.0.0.1, over HTTPS only")
                    .labelled("ADDR"),
            OptionSpec.value("keystore", ValueKind.FILE, "a PKCS12 keystore with the certificate and its key;"
                    + " its password in " + PASSWORD_VARIABLE).labelled("FILE"));
    public static final CommandSpec DESCRIPTION = new CommandSpec(COMMAND,
            "Open the catalog's web pages in its service and print a one-time link", List.of(), OPTIONS,
            CatalogAccess.READS).withNotes(List.of(USAGE,
                    "The pages stay open while the catalog's service runs (amsh serve --stop closes both); each call"
                            + " prints a new link. With --listen (HTTPS, for other machines) the service serves them"
                            + " in the foreground, as amsh serve --dashboard does."));

    /**
     * The dashboard's options when the command words start the dashboard ({@code dashboard}, or
     * {@code serve --dashboard}), else empty.
     *
     * @throws UsageException on bad options, or the dashboard's options given to {@code serve} without {@code --dashboard}
     */
    public static Optional<DashboardOptions> parse(List<String> words, Map<String, String> env) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        if (words.get(0).equals(COMMAND)) {
            return Optional.of(parse(words.subList(1, words.size()), env, USAGE));
        }
        if (!words.get(0).equals(SERVE)) {
            return Optional.empty();
        }
        List<String> arguments = words.subList(1, words.size());
        if (!arguments.contains(SERVE_FLAG)) {
            arguments.stream().filter(DashboardOptions::isOption).findFirst().ifPresent(option -> {
                throw new UsageException(optionOf(option) + " goes with --dashboard; " + SERVE_USAGE);
            });
            return Optional.empty();
        }
        if (arguments.contains("--status")) {
            throw new UsageException("serve --status takes no other option; " + SERVE_USAGE);
        }
        List<String> options = new ArrayList<>(arguments);
        options.remove(SERVE_FLAG);
        return Optional.of(parse(options, env, SERVE_USAGE));
    }

    private static DashboardOptions parse(List<String> words, Map<String, String> env, String usage) {
        CommandWords read;
        try {
            read = CommandWords.read(DESCRIPTION, words);
        }
        catch (UnknownOptionException e) {
            throw new UsageException("unknown option '" + Texts.abbreviate(e.option()) + "'"
                    + e.closest().map(name -> "; did you mean --" + name + "?").orElse("") + "; " + usage);
        }
        read.options().forEach((option, value) -> {
            if (value.isBlank()) {
                throw new UsageException("--" + option + " needs a value; " + usage);
            }
        });
        int port = Optional.ofNullable(read.options().get("port")).map(DashboardOptions::port).orElse(0);
        Optional<String> listen = Optional.ofNullable(read.options().get("listen"));
        Optional<Path> keystore = Optional.ofNullable(read.options().get("keystore")).map(DashboardOptions::keystore);
        if (listen.isPresent() && keystore.isEmpty()) {
            throw new UsageException("--listen serves other machines, over HTTPS only: add --keystore FILE"
                    + " (a PKCS12 keystore with the certificate; its password in " + PASSWORD_VARIABLE + ")");
        }
        Optional<String> password = Optional.ofNullable(env.get(PASSWORD_VARIABLE));
        if (keystore.isPresent() && password.isEmpty()) {
            throw new UsageException("--keystore needs the keystore's password in " + PASSWORD_VARIABLE);
        }
        return new DashboardOptions(port, listen, keystore, password);
    }

    private static boolean isOption(String word) {
        String option = optionOf(word);
        return option.startsWith("--") && DESCRIPTION.optionByLongName(option.substring(2)).isPresent();
    }

    private static String optionOf(String word) {
        return word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        catch (NumberFormatException notANumber) {
            // said below
        }
        throw new UsageException("--port takes a port number from 1 to 65535, not '" + value + "'");
    }

    private static Path keystore(String value) {
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UsageException("--keystore: no readable file " + path);
        }
        return path;
    }

    public boolean https() {
        return keystore.isPresent();
    }

    public String address() {
        return listen.orElse(LOOPBACK);
    }

    /** The servlet container's settings: the address, the port and, with a keystore, HTTPS alone. */
    public Map<String, Object> serverProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.address", address());
        properties.put("server.port", port);
        properties.put("server.error.whitelabel.enabled", false);
        properties.put("spring.main.banner-mode", "off");
        keystore.ifPresent(file -> {
            properties.put("server.ssl.enabled", true);
            properties.put("server.ssl.key-store", file.toUri().toString());
            properties.put("server.ssl.key-store-type", "PKCS12");
            properties.put("server.ssl.key-store-password", password.orElse(""));
        });
        return properties;
    }

    /**
     * Why the pages did not start, in a line for {@code the dashboard could not start: ...}: a port
     * another program holds by its number, anything else by its first cause's words.
     */
    public static String whyNotStarted(Throwable failure) {
        Throwable root = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PortInUseException taken) {
                return "port " + taken.getPort() + " is in use";
            }
            root = cause;
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    /** What {@code toString} would otherwise print: the password. */
    @Override
    public String toString() {
        return "DashboardOptions[port=" + port + ", listen=" + listen + ", keystore=" + keystore + "]";
    }
}
