package dev.amsh.shell;

import dev.amsh.catalog.CatalogBusyException;
import dev.amsh.catalog.CatalogDirectory;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.catalog.CatalogUnavailableException;
import dev.amsh.catalog.ServiceFile;
import dev.amsh.catalog.SharedCatalog;
import dev.amsh.catalog.Texts;
import dev.amsh.command.Exit;
import dev.amsh.command.UsageException;
import org.springframework.shell.core.command.ExitStatus;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code amsh serve}: owns the catalog and serves it to other amsh processes until SIGTERM or
 * Ctrl-C, then hands it over; {@code amsh serve --status}: who serves it, who is attached. A
 * global command, run before Spring starts: serving needs no command of its own. The launcher
 * runs {@code serve --dashboard}, which owns the catalog here and serves the dashboard beside it.
 */
public final class CatalogServe {

    static final String USAGE = "usage: amsh [--catalog DIR] serve [--status | --dashboard [--port N]"
            + " [--listen ADDR --keystore FILE]]";

    private CatalogServe() {
    }

    public static boolean isServe(List<String> commandWords) {
        return !commandWords.isEmpty() && commandWords.get(0).equals("serve");
    }

    /**
     * @throws UsageException on other arguments, or a catalog URL (its database server serves it)
     * @throws CatalogBusyException when another process already serves the catalog
     */
    public static ExitStatus run(CatalogLocation location, boolean foreignAllowed, List<String> commandWords,
            Duration patience, PrintStream out, PrintStream err) throws InterruptedException {
        List<String> arguments = commandWords.subList(1, commandWords.size());
        boolean status = arguments.equals(List.of("--status"));
        if (!arguments.isEmpty() && !status) {
            throw new UsageException("serve takes only --status or --dashboard; " + USAGE);
        }
        if (status) {
            Path catalog = embedded(location);
            if (!Files.isDirectory(catalog)) {
                err.println("error: there is no catalog at " + Texts.visible(catalog.toString()));
                return Exit.REFUSED;
            }
            catalog = CatalogDirectory.prepare(catalog, foreignAllowed);
            print(SharedCatalog.status(catalog), out);
            return Exit.DONE;
        }
        SharedCatalog shared = own(location, foreignAllowed, "serve", patience, err);
        // SIGTERM and Ctrl-C end the JVM through its shutdown hooks: this one hands the catalog over.
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "amsh-serve-handover"));
        out.println("serving catalog " + Texts.visible(location.describe()) + " on 127.0.0.1:"
                + shared.servedPort().orElseThrow() + " (pid " + ProcessHandle.current().pid()
                + "); stop with Ctrl-C or SIGTERM");
        out.flush();
        new CountDownLatch(1).await();
        return Exit.DONE;
    }

    /**
     * Takes the catalog to serve it to other amsh processes for as long as this one runs, as
     * {@code serve} and {@code serve --dashboard} do; closing it hands the catalog over.
     *
     * @param purpose what the process is, as {@code serve --status} names it
     * @throws UsageException for a catalog URL (its database server serves it)
     * @throws CatalogBusyException when another process already serves the catalog
     * @throws CatalogUnavailableException when the catalog's service could not start
     */
    public static SharedCatalog own(CatalogLocation location, boolean foreignAllowed, String purpose,
            Duration patience, PrintStream err) {
        location = CatalogLocation.embedded(CatalogDirectory.prepare(embedded(location), foreignAllowed));
        SharedCatalog shared = SharedCatalog.open(location, purpose, true, patience, err);
        if (!shared.owns()) {
            shared.close();
            SharedCatalog.CatalogStatus status = SharedCatalog.status(location.directory().orElseThrow());
            throw new CatalogBusyException("catalog " + location.describe() + " is already served"
                    + status.server().map(server -> " by " + describe(server)).orElse(""));
        }
        if (shared.servedPort().isEmpty()) {
            shared.close();
            throw new CatalogUnavailableException("catalog " + location.describe() + " is not served; nothing runs");
        }
        return shared;
    }

    private static Path embedded(CatalogLocation location) {
        if (!location.isEmbedded()) {
            throw new UsageException("serve shares an embedded catalog (--catalog DIR); a catalog URL is served by"
                    + " its own database server");
        }
        return location.directory().orElseThrow();
    }

    private static void print(SharedCatalog.CatalogStatus status, PrintStream out) {
        out.println("catalog " + Texts.visible(status.catalog().toString()));
        if (status.server().isPresent()) {
            out.println("served by " + describe(status.server().get()) + " on 127.0.0.1:" + status.port().orElseThrow());
        }
        else if (status.open()) {
            // Also a session that serves once it has opened the catalog (a first run builds its database first).
            out.println("not served: open in an amsh process that does not serve it (yet): a one-shot command,"
                    + " or a session still opening it");
        }
        else {
            // The server stopped: its attached processes take the catalog over at their next command, not before.
            out.println(status.attached().isEmpty() ? "not served: no amsh process has it open"
                    : "not served: its server stopped; an attached process takes it over at its next command");
        }
        if (status.attached().isEmpty()) {
            out.println("attached: none");
        }
        status.attached().forEach(session -> out.println("attached: " + describe(session)));
    }

    private static String describe(ServiceFile.Session session) {
        return "pid " + session.pid() + " (" + Texts.visible(session.purpose()) + ", user "
                + Texts.visible(session.user()) + ") since " + session.since();
    }
}
