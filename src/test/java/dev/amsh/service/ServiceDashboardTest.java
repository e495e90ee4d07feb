package dev.amsh.service;

import dev.amsh.AmshApplication;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.command.LaunchArguments;
import dev.amsh.dashboard.DashboardOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard the service opens for {@code amsh dashboard}: a child web context with Spring
 * Security, signed in by the printed link, on top of a service's application that has none of it
 * (no filter chain, no user, no generated password).
 */
class ServiceDashboardTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path catalog;

    /** The service's application as the launcher starts it: the shell's, without a web stack. */
    private ConfigurableApplicationContext service() {
        Map<String, Object> properties = new HashMap<>(AmshApplication.SHELL_PROPERTIES);
        properties.put("logging.level.root", "OFF");
        return new SpringApplicationBuilder(AmshApplication.class).web(WebApplicationType.NONE).properties(properties)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("catalogLocation", CatalogLocation.embedded(catalog));
                    context.getBeanFactory().registerSingleton("launchArguments", new LaunchArguments(List.of(), false));
                })
                .run();
    }

    @Test
    void thePagesHaveSpringSecurityAndTheServiceNone() throws Exception {
        AtomicReference<ApplicationContext> pages = new AtomicReference<>();
        try (ConfigurableApplicationContext service = service(); ServiceDashboard dashboard = new ServiceDashboard(service)) {
            // The child's events reach its parent's listeners too.
            service.addApplicationListener((ContextRefreshedEvent refreshed) -> pages.set(refreshed.getApplicationContext()));
            String link = dashboard.open(new DashboardOptions(0, Optional.empty(), Optional.empty(), Optional.empty()));
            String base = link.substring(0, link.indexOf("/?"));

            assertThat(get(base + "/images", null).statusCode()).isEqualTo(403);
            HttpResponse<String> signedIn = get(link, null);
            assertThat(signedIn.statusCode()).isEqualTo(302);
            String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("amsh_dashboard=").contains("HttpOnly", "SameSite=Strict");
            assertThat(get(base + "/images", cookie.split(";")[0]).body()).contains("<title>Images · amsh dashboard</title>");
            assertThat(get(link, null).statusCode()).as("the link works once").isEqualTo(403);

            assertThat(pages.get()).isNotSameAs(service);
            assertThat(pages.get().getBeanNamesForType(SecurityFilterChain.class)).hasSize(1);
            assertThat(pages.get().getBeansOfType(UserDetailsService.class)).as("no generated user").containsOnlyKeys("operator");
            for (Class<?> security : List.of(SecurityFilterChain.class, UserDetailsService.class,
                    AuthenticationEventPublisher.class)) {
                assertThat(service.getBeanNamesForType(security)).as(security.getSimpleName()).isEmpty();
            }
        }
    }

    /**
     * The servlet container works in an owner-only directory that goes when the pages close, and
     * does not come back when a later container starts in the same JVM (Tomcat keeps the first one's
     * as the JVM's catalina.home and makes it again).
     */
    @Test
    void theServletContainersDirectoryIsThePagesOwnAndGoesWithThem() throws Exception {
        // As in a JVM where no container ran yet: the first one's directory is the one Tomcat keeps.
        System.clearProperty("catalina.home");
        System.clearProperty("catalina.base");
        Path first = containerDirectoryOfPagesOpenedAndClosed();
        Path second = containerDirectoryOfPagesOpenedAndClosed();

        assertThat(second).isNotEqualTo(first);
        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
    }

    private Path containerDirectoryOfPagesOpenedAndClosed() throws Exception {
        AtomicReference<ApplicationContext> pages = new AtomicReference<>();
        Path directory;
        try (ConfigurableApplicationContext service = service(); ServiceDashboard dashboard = new ServiceDashboard(service)) {
            service.addApplicationListener((ContextRefreshedEvent refreshed) -> pages.set(refreshed.getApplicationContext()));
            dashboard.open(new DashboardOptions(0, Optional.empty(), Optional.empty(), Optional.empty()));
            TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) pages.get()).getWebServer();
            directory = server.getTomcat().getServer().getCatalinaBase().toPath();
            assertThat(directory.getFileName().toString()).startsWith("amsh-dashboard");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            assertThat(directory.resolve("work")).isDirectory();
        }
        return directory;
    }

    private static HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
