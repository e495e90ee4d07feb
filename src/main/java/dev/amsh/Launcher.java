package dev.amsh;

import dev.amsh.catalog.CatalogBusyException;
import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogDirectory;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.catalog.CatalogLock;
import dev.amsh.catalog.CatalogSettings;
import dev.amsh.catalog.CatalogUnavailableException;
import dev.amsh.catalog.OwnedCatalog;
import dev.amsh.client.BuildInfo;
import dev.amsh.command.CommandResult;
import dev.amsh.command.Exit;
import dev.amsh.command.LaunchArguments;
import dev.amsh.command.UsageException;
import dev.amsh.dashboard.DashboardConfiguration;
import dev.amsh.dashboard.DashboardOptions;
import dev.amsh.service.ApplicationCommands;
import dev.amsh.service.CatalogService;
import dev.amsh.service.ServeOptions;
import dev.amsh.shell.AmshShellRunner;
import dev.amsh.shell.GlobalOptions;
import dev.amsh.shell.InteractiveShellRunner;
import dev.amsh.shell.OneShotShellRunner;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Secrets;
import dev.amsh.vocabulary.Texts;
import dev.amsh.wire.ServiceSocket;
import org.jline.utils.Signals;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * amsh in one process: the catalog's service, or a command run without one. Reads the global
 * options, resolves the catalog and opens it under its lock, starts Spring and returns the exit
 * code. Spring never sees the command line, so an option such as {@code --name=foo} cannot become
 * a Spring property. Operators start amsh through its client ({@link dev.amsh.client.AmshClient}),
 * which comes here for these.
 */
public final class Launcher {

    /** What {@code amsh serve --dashboard} is, as {@code amsh serve --status} names it. */
    static final String SERVE_WITH_DASHBOARD = "serve+dashboard";

    private Launcher() {
    }

    /** amsh in this process, whatever runs: for the build's class-data-sharing training and for tests. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.err));
    }

    /**
     * Runs the command in this process: the catalog's service ({@code serve}, the background service a
     * client starts, the dashboard), or a command without a service ({@code --no-service}, a catalog URL).
     */
    public static int run(String[] args, Map<String, String> env, PrintStream err) {
        GlobalOptions options;
        Optional<DashboardOptions> dashboard;
        Optional<ServeOptions> serve;
        CatalogLocation location;
        try {
            options = GlobalOptions.parse(args);
            Optional<String> help = ServeOptions.help(options.commandWords());
            if (help.isPresent()) {
                System.out.println(help.get());
                return Exit.DONE.code();
            }
            dashboard = DashboardOptions.parse(options.commandWords(), env);
            serve = ServeOptions.parse(options.commandWords(), env);
            location = CatalogLocation.resolve(env, options.catalog(), options.catalogUrl());
        }
        catch (UsageException | InvalidValueException e) {
            err.println(errorLine(e.getMessage()));
            return Exit.USAGE.code();
        }
        if (options.version()) {
            // Answered before any catalog is opened or created.
            System.out.println("amsh " + BuildInfo.current().describe());
            return 0;
        }
        LaunchArguments launch = new LaunchArguments(options.commandWords(), options.debug());
        OwnedCatalog owned = null;
        try {
            Duration patience = CatalogSettings.fromSystemProperties().lockTimeout();
            quietLibraries(launch.debug());
            if (serve.isPresent() && location.isEmbedded() || dashboard.isPresent() && location.isEmbedded()) {
                return serve(location, options, serve.map(ServeOptions::mode).orElse(ServeOptions.Mode.FOREGROUND),
                        serve.flatMap(ServeOptions::idle), dashboard, launch, patience, err);
            }
            if (serve.isPresent() && serve.get().mode() == ServeOptions.Mode.BACKGROUND) {
                return serveServerCatalog(location, serve.get().idle(), launch, env);
            }
            if (serve.isPresent()) {
                throw new UsageException("serve runs the service of an embedded catalog (--catalog DIR); a catalog URL"
                        + " is served by its own database server");
            }
            Optional<CatalogCredentials> credentials = Optional.empty();
            if (location.isEmbedded()) {
                // Checked once and used as checked: a link swapped afterwards changes nothing.
                Path catalog = CatalogDirectory.prepare(location.directory().orElseThrow(), options.allowForeignCatalog());
                location = CatalogLocation.embedded(catalog);
                owned = OwnedCatalog.open(location, patience, err, () -> servedBy(catalog));
            }
            else {
                credentials = Optional.of(CatalogCredentials.resolve(location.jdbcUrl().orElseThrow(), env, terminal()));
            }
            return dashboard.isPresent() ? serveDashboard(location, owned, credentials, launch, dashboard.get(), err)
                    : start(location, owned, credentials, launch);
        }
        catch (UsageException | InvalidValueException | CatalogUnavailableException e) {
            // Bad input, a catalog another process holds, or one that cannot be used: said as a command says it.
            CommandResult result = CommandResult.of(e);
            err.println(errorLine(result.message()));
            return result.exit().code();
        }
        catch (Exception e) {
            err.println(errorLine("cannot open catalog " + location.describe() + ": " + rootMessage(e)));
            if (options.debug()) {
                e.printStackTrace(err);
            }
            return Exit.FAILED.code();
        }
        finally {
            if (owned != null) {
                owned.close();
            }
        }
    }

    /** Who serves the catalog in {@code catalog}, if a service answers on its socket. */
    private static Optional<String> servedBy(Path catalog) {
        Path socket = ServiceSocket.of(catalog);
        try {
            Optional<SocketChannel> answered = ServiceSocket.connect(socket);
            answered.ifPresent(channel -> {
                try {
                    channel.close();
                }
                catch (IOException ignored) {
                    // it answered: that was all to know
                }
            });
            return answered.map(channel -> "the amsh service on " + socket);
        }
        catch (IOException untrusted) {
            return Optional.empty();
        }
    }

    /**
     * The catalog's service: owns the catalog and serves amsh clients on its socket until stopped
     * (SIGTERM, Ctrl-C in the foreground, {@code serve --stop}, idle, its directory removed), then
     * closes the catalog and ends with 0. With the dashboard, it serves its pages too.
     */
    private static int serve(CatalogLocation location, GlobalOptions options, ServeOptions.Mode mode,
            Optional<Duration> idle, Optional<DashboardOptions> dashboard, LaunchArguments launch, Duration patience,
            PrintStream err) throws Exception {
        boolean foreground = mode == ServeOptions.Mode.FOREGROUND;
        Path catalog = CatalogDirectory.prepare(location.directory().orElseThrow(), options.allowForeignCatalog());
        location = CatalogLocation.embedded(catalog);
        PrintStream log = System.out;
        if (!foreground) {
            // Started by a client, in a session of its own: the terminal's Ctrl-C and hang-up are not for it.
            Signals.register("INT", () -> { });
            Signals.register("HUP", () -> { });
        }
        OwnedCatalog owned;
        try {
            owned = OwnedCatalog.open(location, patience, err, () -> servedBy(catalog));
        }
        catch (CatalogBusyException e) {
            if (foreground) {
                throw e;
            }
            // Another client's service came first: the clients use that one.
            log.println(e.getMessage());
            return Exit.DONE.code();
        }
        try {
            String purpose = dashboard.isPresent() ? SERVE_WITH_DASHBOARD : foreground ? "serve" : "service";
            ConfigurableApplicationContext context;
            if (dashboard.isPresent()) {
                try {
                    context = dashboardContext(location, owned, Optional.empty(), launch, dashboard.get());
                }
                catch (RuntimeException e) {
                    return dashboardFailed(e, launch, err);
                }
            }
            else {
                context = shellContext(location, owned, Optional.empty(), launch);
            }
            serveUntilStopped(new CatalogService.Settings(catalog, location.describe(), idle, purpose,
                    BuildInfo.current().identity()), context, foreground, log);
        }
        finally {
            owned.close();
        }
        return Exit.DONE.code();
    }

    /**
     * The service of a catalog on a database server, started in the background by a client: its socket
     * and log in a directory of its own under the session's runtime directory, one service per URL and
     * database user (a lock file there keeps a second one out); its credentials found without a question,
     * as the client found them.
     */
    private static int serveServerCatalog(CatalogLocation location, Optional<Duration> idle, LaunchArguments launch,
            Map<String, String> env) throws Exception {
        String url = location.jdbcUrl().orElseThrow();
        CatalogCredentials credentials = CatalogCredentials.resolve(url, env, Optional.empty());
        Path home = CatalogDirectory.serviceHome(url, credentials.user(), env).orElseThrow(() ->
                new CatalogUnavailableException("no runtime directory of this user's own (XDG_RUNTIME_DIR) to serve "
                        + location.describe() + " from"));
        Signals.register("INT", () -> { });
        Signals.register("HUP", () -> { });
        Optional<CatalogLock> lock = CatalogLock.tryAcquire(home);
        if (lock.isEmpty()) {
            // Another client's service came first: the clients use that one.
            System.out.println("another amsh service serves " + location.describe());
            return Exit.DONE.code();
        }
        try (CatalogLock held = lock.get()) {
            serveUntilStopped(new CatalogService.Settings(home, location.describe(), idle, "service",
                    BuildInfo.current().identity()), shellContext(location, null, Optional.of(credentials), launch),
                    false, System.out);
        }
        return Exit.DONE.code();
    }

    /** Serves the application's commands on the socket in {@code settings}' directory until the service stops. */
    private static void serveUntilStopped(CatalogService.Settings settings, ConfigurableApplicationContext context,
            boolean foreground, PrintStream log) throws Exception {
        ApplicationCommands commands = new ApplicationCommands(context);
        try {
            CatalogService service = CatalogService.start(settings, commands, log);
            Signals.register("TERM", () -> service.stop("stopped by SIGTERM", true));
            if (foreground) {
                Signals.register("INT", () -> service.stop("stopped by Ctrl-C", true));
                log.println("serving catalog " + Texts.visible(settings.describe()) + " on "
                        + Texts.visible(service.socket().toString()) + " (pid " + ProcessHandle.current().pid()
                        + "); stop with Ctrl-C, SIGTERM or amsh serve --stop");
                log.flush();
            }
            String reason = service.await();
            if (foreground) {
                log.println("amsh service stopped: " + reason);
                log.flush();
            }
        }
        finally {
            commands.close();
            context.close();
        }
    }

    /**
     * The catalog may be created, Liquibase and all, before Spring configures logging: until then the
     * libraries' java.util.logging output is kept off the terminal as Spring keeps it (warnings with --debug).
     */
    private static void quietLibraries(boolean debug) {
        Logger.getLogger("").setLevel(debug ? Level.WARNING : Level.OFF);
    }

    private static int start(CatalogLocation location, OwnedCatalog owned,
            Optional<CatalogCredentials> credentials, LaunchArguments launch) throws Exception {
        try (ConfigurableApplicationContext context = shellContext(location, owned, credentials, launch)) {
            AmshShellRunner shell = launch.interactive() ? context.getBean(InteractiveShellRunner.class)
                    : context.getBean(OneShotShellRunner.class);
            shell.run(launch.commandWords().toArray(String[]::new));
            return shell.exitCode();
        }
    }

    /** The shell's application: the commands, the rules and the catalog, no web pages. */
    private static ConfigurableApplicationContext shellContext(CatalogLocation location, OwnedCatalog owned,
            Optional<CatalogCredentials> credentials, LaunchArguments launch) {
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
        application.addInitializers(context -> registerCatalog(context, location, owned, credentials, launch));
        return application.run();
    }

    private static void registerCatalog(ConfigurableApplicationContext context, CatalogLocation location,
            OwnedCatalog owned, Optional<CatalogCredentials> credentials, LaunchArguments launch) {
        context.getBeanFactory().registerSingleton("catalogLocation", location);
        context.getBeanFactory().registerSingleton("launchArguments", launch);
        if (owned != null) {
            context.getBeanFactory().registerSingleton("ownedCatalog", owned);
        }
        credentials.ifPresent(known -> context.getBeanFactory().registerSingleton("catalogCredentials", known));
    }

    /**
     * {@code amsh dashboard} on a catalog URL: the dashboard alone in this process, serving until
     * the process is stopped (an embedded catalog's dashboard is its service's).
     */
    private static int serveDashboard(CatalogLocation location, OwnedCatalog owned,
            Optional<CatalogCredentials> credentials, LaunchArguments launch, DashboardOptions dashboard,
            PrintStream err) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        ConfigurableApplicationContext context;
        try {
            context = dashboardContext(location, owned, credentials, launch, dashboard);
        }
        catch (RuntimeException e) {
            return dashboardFailed(e, launch, err);
        }
        context.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
        Signals.register("TERM", context::close);
        Signals.register("INT", context::close);
        closed.await();
        return Exit.DONE.code();
    }

    /**
     * The same application with the dashboard's pages and a servlet container. Without the build-time
     * bean definitions, which are the shell's: they know nothing of the web stack.
     */
    private static ConfigurableApplicationContext dashboardContext(CatalogLocation location, OwnedCatalog owned,
            Optional<CatalogCredentials> credentials, LaunchArguments launch, DashboardOptions dashboard) {
        System.clearProperty("spring.aot.enabled");
        SpringApplication application = new SpringApplication(AmshApplication.class, DashboardConfiguration.class);
        application.setMainApplicationClass(AmshApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        Map<String, Object> properties = new HashMap<>(dashboard.serverProperties());
        properties.put("logging.level.root", launch.debug() ? "WARN" : "OFF");
        application.setDefaultProperties(properties);
        // Stopped by its owner, in order: the pages first, then the catalog.
        application.setRegisterShutdownHook(false);
        application.addInitializers(context -> {
            registerCatalog(context, location, owned, credentials, launch);
            context.getBeanFactory().registerSingleton("dashboardOptions", dashboard);
        });
        return application.run();
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

    /** Pages that did not start (their port taken, their keystore unreadable): one line, and the command failed. */
    private static int dashboardFailed(RuntimeException e, LaunchArguments launch, PrintStream err) {
        err.println(errorLine("the dashboard could not start: " + DashboardOptions.whyNotStarted(e)));
        if (launch.debug()) {
            e.printStackTrace(err);
        }
        return Exit.FAILED.code();
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
