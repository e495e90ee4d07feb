package dev.amsh;

import dev.amsh.catalog.CatalogDirectory;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.catalog.CatalogLock;
import dev.amsh.catalog.CatalogUnavailableException;
import dev.amsh.catalog.Secrets;
import dev.amsh.catalog.Texts;
import dev.amsh.command.Exit;
import dev.amsh.command.LaunchArguments;
import dev.amsh.command.UsageException;
import dev.amsh.dashboard.DashboardConfiguration;
import dev.amsh.dashboard.DashboardOptions;
import dev.amsh.shell.AmshShellRunner;
import dev.amsh.shell.GlobalOptions;
import dev.amsh.shell.InteractiveShellRunner;
import dev.amsh.shell.OneShotShellRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

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
        Optional<DashboardOptions> dashboard;
        try {
            dashboard = DashboardOptions.parse(options.commandWords(), env);
        }
        catch (UsageException e) {
            err.println("error: " + Texts.visible(e.getMessage()));
            return Exit.USAGE.code();
        }
        CatalogLocation location = CatalogLocation.resolve(env, options.catalog(), options.catalogUrl());
        CatalogLock lock = null;
        try {
            if (location.isEmbedded()) {
                CatalogDirectory.prepare(location.directory().orElseThrow(), options.allowForeignCatalog());
                lock = CatalogLock.acquire(location.directory().orElseThrow());
            }
            LaunchArguments launch = new LaunchArguments(options.commandWords(), options.debug());
            return dashboard.isPresent() ? serveDashboard(location, launch, dashboard.get(), err)
                    : start(location, launch);
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

    private static int start(CatalogLocation location, LaunchArguments launch) throws Exception {
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
        application.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("catalogLocation", location);
            context.getBeanFactory().registerSingleton("launchArguments", launch);
        });
        try (ConfigurableApplicationContext context = application.run()) {
            AmshShellRunner shell = launch.interactive() ? context.getBean(InteractiveShellRunner.class)
                    : context.getBean(OneShotShellRunner.class);
            shell.run(launch.commandWords().toArray(String[]::new));
            return shell.exitCode();
        }
    }

    /**
     * {@code amsh dashboard}: the same application with the dashboard's pages and a servlet container,
     * serving until the process is stopped. Without the build-time bean definitions, which are the
     * shell's: they know nothing of the web stack.
     */
    private static int serveDashboard(CatalogLocation location, LaunchArguments launch, DashboardOptions dashboard,
            PrintStream err) throws InterruptedException {
        System.clearProperty("spring.aot.enabled");
        SpringApplication application = new SpringApplication(AmshApplication.class, DashboardConfiguration.class);
        application.setMainApplicationClass(AmshApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        Map<String, Object> properties = new HashMap<>(dashboard.serverProperties());
        properties.put("logging.level.root", launch.debug() ? "WARN" : "OFF");
        application.setDefaultProperties(properties);
        application.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("catalogLocation", location);
            context.getBeanFactory().registerSingleton("launchArguments", launch);
            context.getBeanFactory().registerSingleton("dashboardOptions", dashboard);
        });
        CountDownLatch closed = new CountDownLatch(1);
        application.addListeners((ContextClosedEvent event) -> closed.countDown());
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
