package dev.amsh.service;

import dev.amsh.command.UsageException;
import dev.amsh.dashboard.DashboardConfiguration;
import dev.amsh.dashboard.DashboardLinks;
import dev.amsh.dashboard.DashboardOptions;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration;
import org.springframework.web.context.support.ServletRequestHandledEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard inside the catalog's service, opened by {@code amsh dashboard}: a web context whose
 * parent is the service's application, so its pages use the service's catalog, rules and locks.
 * It stays open while the service runs; a page served counts as activity for the idle stop. Each
 * {@code amsh dashboard} gets a new one-time link to it.
 */
final class ServiceDashboard implements AutoCloseable {

    private final ConfigurableApplicationContext service;
    private volatile Runnable activity = () -> { };
    private ConfigurableApplicationContext web;
    private int port;

    ServiceDashboard(ConfigurableApplicationContext service) {
        this.service = service;
    }

    void onActivity(Runnable activity) {
        this.activity = activity;
    }

    /**
     * Opens the dashboard if it is not open yet, and returns a one-time link to it.
     *
     * @throws UsageException for a port other than the open dashboard's
     */
    synchronized String open(DashboardOptions options) {
        if (web != null && options.port() != 0 && options.port() != port) {
            throw new UsageException("the dashboard is already open on port " + port
                    + "; 'amsh serve --stop' closes it with the service");
        }
        if (web == null) {
            web = start(options);
            port = ((WebServerApplicationContext) web).getWebServer().getPort();
        }
        return web.getBean(DashboardLinks.class).oneTimeLink(web.getBean(DashboardOptions.class), port);
    }

    /** Where it listens, for {@code serve --status}; empty while it is closed. */
    synchronized Optional<String> address() {
        return web == null ? Optional.empty() : Optional.of("http://" + DashboardOptions.LOOPBACK + ":" + port);
    }

    private ConfigurableApplicationContext start(DashboardOptions options) {
        Map<String, Object> properties = new HashMap<>(options.serverProperties());
        // The service's own exclusions (the web stack's converters and templates) are not the pages'.
        properties.put("spring.autoconfigure.exclude", "");
        properties.put("logging.level.root", "OFF");
        // The link goes to the client that asked, never to the service's log.
        properties.put(DashboardOptions.ANNOUNCE_PROPERTY, false);
        // The service's bean definitions were made ahead of time; the pages' are made now.
        System.clearProperty("spring.aot.enabled");
        ConfigurableApplicationContext pages = new SpringApplicationBuilder(Pages.class)
                .parent(service)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("dashboardOptions", options))
                .run();
        pages.addApplicationListener((ServletRequestHandledEvent served) -> activity.run());
        return pages;
    }

    @Override
    public synchronized void close() {
        if (web != null) {
            web.close();
            web = null;
        }
    }

    /** The pages and the web stack, on top of the service's application. */
    @EnableAutoConfiguration(exclude = {SpringShellAutoConfiguration.class, LiquibaseAutoConfiguration.class})
    @Import(DashboardConfiguration.class)
    static class Pages {
    }
}
