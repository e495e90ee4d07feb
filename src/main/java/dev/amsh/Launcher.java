package dev.amsh;

import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogDirectory;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.catalog.CatalogLock;
import dev.amsh.catalog.CatalogUnavailableException;
import dev.amsh.catalog.InvalidValueException;
import dev.amsh.catalog.Secrets;
import dev.amsh.catalog.Texts;
import dev.amsh.command.Exit;
import dev.amsh.command.LaunchArguments;
import dev.amsh.command.UsageException;
import dev.amsh.shell.AmshShellRunner;
import dev.amsh.shell.GlobalOptions;
import dev.amsh.shell.InteractiveShellRunner;
import dev.amsh.shell.OneShotShellRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.Console;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * amsh's entry point: reads the global options, resolves and locks the catalog, starts Spring
 * and returns the command's exit code. Spring never sees the command line, so an option such
 * as {@code --name=foo} cannot become a Spring property.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        GlobalOptions options;
        try {
            options = GlobalOptions.parse(args);
        }
        catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return Exit.USAGE.code();
        }
        if (options.version()) {
            // Answered before any catalog is opened or created.
            System.out.println("amsh " + version());
            return 0;
        }
        CatalogLocation location = CatalogLocation.resolve(env, options.catalog(), options.catalogUrl());
        CatalogLock lock = null;
        try {
            Optional<CatalogCredentials> credentials = Optional.empty();
            if (location.isEmbedded()) {
                CatalogDirectory.prepare(location.directory().orElseThrow(), options.allowForeignCatalog());
                lock = CatalogLock.acquire(location.directory().orElseThrow());
            }
            else {
                credentials = Optional.of(CatalogCredentials.resolve(location.jdbcUrl().orElseThrow(), env, terminal()));
            }
            return start(location, credentials, new LaunchArguments(options.commandWords(), options.debug()));
        }
        catch (InvalidValueException e) {
            err.println(errorLine(e.getMessage()));
            return Exit.USAGE.code();
        }
        catch (CatalogUnavailableException e) {
            err.println(errorLine(e.getMessage()));
            return Exit.FAILED.code();
        }
        catch (Exception e) {
            err.println(errorLine("cannot open catalog " + location.describe() + ": " + rootMessage(e)));
            if (options.debug()) {
                e.printStackTrace(err);
            }
            return Exit.FAILED.code();
        }
        finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static int start(CatalogLocation location, Optional<CatalogCredentials> credentials, LaunchArguments launch)
            throws Exception {
        SpringApplication application = new SpringApplication(AmshApplication.class);
        // Named, not deduced from the stack (that would be this class): its build-time (AOT) bean definitions are found by it.
        application.setMainApplicationClass(AmshApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("logging.level.root", launch.debug() ? "WARN" : "OFF"));
        application.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("catalogLocation", location);
            context.getBeanFactory().registerSingleton("launchArguments", launch);
            credentials.ifPresent(known -> context.getBeanFactory().registerSingleton("catalogCredentials", known));
        });
        try (ConfigurableApplicationContext context = application.run()) {
            AmshShellRunner shell = launch.interactive() ? context.getBean(InteractiveShellRunner.class)
                    : context.getBean(OneShotShellRunner.class);
            shell.run(launch.commandWords().toArray(String[]::new));
            return shell.exitCode();
        }
    }

    /** The terminal to ask for a catalog's credentials on, when amsh runs on one. */
    private static Optional<CatalogCredentials.Terminal> terminal() {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        return Optional.of(new CatalogCredentials.Terminal() {
            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public char[] readPassword(String prompt) {
                return console.readPassword("%s", prompt);
            }
        });
    }

    /** The version the jar's manifest carries; classes run from a build folder have none. */
    static String version() {
        String version = Launcher.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    /** A driver's message may quote the catalog URL, password and all: masked here, whatever says it. */
    private static String errorLine(String message) {
        return "error: " + Texts.visible(Secrets.redact(message));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }
}
