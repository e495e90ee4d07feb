package dev.amsh;

import dev.amsh.catalog.CatalogBusyException;
import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogDirectory;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.catalog.CatalogUnavailableException;
import dev.amsh.catalog.InvalidValueException;
import dev.amsh.catalog.Secrets;
import dev.amsh.catalog.SharedCatalog;
import dev.amsh.catalog.Texts;
import dev.amsh.command.Exit;
import dev.amsh.command.LaunchArguments;
import dev.amsh.command.UsageException;
import dev.amsh.dashboard.DashboardConfiguration;
import dev.amsh.dashboard.DashboardOptions;
import dev.amsh.shell.AmshShellRunner;
import dev.amsh.shell.CatalogServe;
import dev.amsh.shell.GlobalOptions;
import dev.amsh.shell.InteractiveShellRunner;
import dev.amsh.shell.OneShotShellRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * amsh's entry point: reads the global options, resolves the catalog and opens it (as its owner,
 * or through the service of the process that owns it), starts Spring and returns the command's
 * exit code. Spring never sees the command line, so an option such
 * as {@code --name=foo} cannot become a Spring property.
 */
public final class Launcher {

    /** What {@code amsh serve --dashboard} is, as {@code amsh serve --status} names it. */
    static final String SERVE_WITH_DASHBOARD = "serve+dashboard";

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
        Optional<DashboardOptions> dashboard;
        try {
            dashboard = DashboardOptions.parse(options.commandWords(), env);
        }
        catch (UsageException e) {
            err.println("error: " + Texts.visible(e.getMessage()));
            return Exit.USAGE.code();
        }
        CatalogLocation location = CatalogLocation.resolve(env, options.catalog(), options.catalogUrl());
        LaunchArguments launch = new LaunchArguments(options.commandWords(), options.debug());
        SharedCatalog shared = null;
        try {
            Duration patience = lockTimeout();
            quietLibraries(launch.debug());
            if (CatalogServe.isServe(launch.commandWords()) && dashboard.isPresent()) {
                shared = CatalogServe.own(location, options.allowForeignCatalog(), SERVE_WITH_DASHBOARD, patience, err);
                return serveDashboard(location, shared, Optional.empty(), launch, dashboard.get(), err);
            }
            if (CatalogServe.isServe(launch.commandWords())) {
                return CatalogServe.run(location, options.allowForeignCatalog(), launch.commandWords(), patience,
                        System.out, err).code();
            }
            Optional<CatalogCredentials> credentials = Optional.empty();
            if (location.isEmbedded()) {
                location = CatalogLocation.embedded(CatalogDirectory.prepare(location.directory().orElseThrow(), options.allowForeignCatalog()));
                shared = SharedCatalog.open(location, purpose(launch), servesOthers(launch), patience, err);
            }
            else {
                credentials = Optional.of(CatalogCredentials.resolve(location.jdbcUrl().orElseThrow(), env, terminal()));
            }
            return dashboard.isPresent() ? serveDashboard(location, shared, credentials, launch, dashboard.get(), err)
                    : start(location, shared, credentials, launch);
        }
        catch (UsageException | InvalidValueException e) {
            err.println(errorLine(e.getMessage()));
            return Exit.USAGE.code();
        }
        catch (CatalogBusyException e) {
            err.println(errorLine(e.getMessage()));
            return Exit.REFUSED.code();
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
            if (shared != null) {
                shared.close();
            }
        }
    }

    /**
     * The catalog may be created, Liquibase and all, before Spring configures logging: until then the
     * libraries' java.util.logging output is kept off the terminal as Spring keeps it (warnings with --debug).
     */
    private static void quietLibraries(boolean debug) {
        Logger.getLogger("").setLevel(debug ? Level.WARNING : Level.OFF);
    }

    /** What the process is, as {@code amsh serve --status} names it. */
    private static String purpose(LaunchArguments launch) {
        return launch.interactive() ? "interactive" : isScript(launch) ? "script"
                : isDashboard(launch) ? "dashboard" : "one-shot";
    }

    /** A session longer than one command serves the catalog while it owns it; a one-shot holds it for its command only. */
    private static boolean servesOthers(LaunchArguments launch) {
        return launch.interactive() || isScript(launch) || isDashboard(launch);
    }

    private static boolean isScript(LaunchArguments launch) {
        return launch.commandWords().get(0).equals("script");
    }

    private static boolean isDashboard(LaunchArguments launch) {
        return launch.commandWords().get(0).equals("dashboard");
    }

    /** How long to wait for a catalog held by another process: the lock-wait limit of commands. */
    private static Duration lockTimeout() {
        String value = System.getProperty("amsh.catalog.lock-timeout", "30s");
        try {
            return DurationStyle.detectAndParse(value);
        }
        catch (IllegalArgumentException e) {
            throw new UsageException("amsh.catalog.lock-timeout: '" + Texts.abbreviate(value) + "' is not a duration");
        }
    }

    private static int start(CatalogLocation location, SharedCatalog shared,
            Optional<CatalogCredentials> credentials, LaunchArguments launch) throws Exception {
        // Spring Boot warms up, on a thread of its own, what each module on the classpath might use: for the
        // shell that is the dashboard's web stack (Tomcat, JSON converters), work a short command only pays for.
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        SpringApplication application = new SpringApplication(AmshApplication.class);
        // Named, not deduced from the stack (that would be this class): its build-time (AOT) bean definitions are found by it.
        application.setMainApplicationClass(AmshApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        Map<String, Object> properties = new HashMap<>(AmshApplication.SHELL_PROPERTIES);
        properties.put("logging.level.root", launch.debug() ? "WARN" : "OFF");
        application.setDefaultProperties(properties);
        application.addInitializers(context -> registerCatalog(context, location, shared, credentials, launch));
        try (ConfigurableApplicationContext context = application.run()) {
            AmshShellRunner shell = launch.interactive() ? context.getBean(InteractiveShellRunner.class)
                    : context.getBean(OneShotShellRunner.class);
            shell.run(launch.commandWords().toArray(String[]::new));
            return shell.exitCode();
        }
    }

    private static void registerCatalog(ConfigurableApplicationContext context, CatalogLocation location,
            SharedCatalog shared, Optional<CatalogCredentials> credentials, LaunchArguments launch) {
        context.getBeanFactory().registerSingleton("catalogLocation", location);
        context.getBeanFactory().registerSingleton("launchArguments", launch);
        if (shared != null) {
            context.getBeanFactory().registerSingleton("sharedCatalog", shared);
        }
        credentials.ifPresent(known -> context.getBeanFactory().registerSingleton("catalogCredentials", known));
    }

    /**
     * {@code amsh dashboard} and {@code amsh serve --dashboard}: the same application with the
     * dashboard's pages and a servlet container, serving until the process is stopped. Without the
     * build-time bean definitions, which are the shell's: they know nothing of the web stack.
     */
    private static int serveDashboard(CatalogLocation location, SharedCatalog shared,
            Optional<CatalogCredentials> credentials, LaunchArguments launch, DashboardOptions dashboard,
            PrintStream err) throws InterruptedException {
        System.clearProperty("spring.aot.enabled");
        SpringApplication application = new SpringApplication(AmshApplication.class, DashboardConfiguration.class);
        application.setMainApplicationClass(AmshApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        Map<String, Object> properties = new HashMap<>(dashboard.serverProperties());
        properties.put("logging.level.root", launch.debug() ? "WARN" : "OFF");
        application.setDefaultProperties(properties);
        AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
        application.addInitializers(context -> {
            started.set(context);
            registerCatalog(context, location, shared, credentials, launch);
            context.getBeanFactory().registerSingleton("dashboardOptions", dashboard);
        });
        CountDownLatch closed = new CountDownLatch(1);
        application.addListeners((ContextClosedEvent event) -> closed.countDown());
        // SIGTERM and Ctrl-C end the JVM through its shutdown hooks, which run at once: one hook, so that
        // the pages stop before the catalog is handed over (or left).
        application.setRegisterShutdownHook(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Optional.ofNullable(started.get()).ifPresent(ConfigurableApplicationContext::close);
            if (shared != null) {
                shared.close();
            }
        }, "amsh-dashboard-stop"));
        try {
            application.run();
        }
        catch (RuntimeException e) {
            err.println(errorLine("the dashboard could not start: " + rootMessage(e)));
            if (launch.debug()) {
                e.printStackTrace(err);
            }
            return Exit.FAILED.code();
        }
        closed.await();
        return Exit.DONE.code();
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
