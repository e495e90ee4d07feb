package dev.amsh;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration;

import java.util.Map;

/**
 * The Spring application behind amsh. Spring Shell's auto-configuration is replaced as a whole
 * by {@link dev.amsh.shell.ShellConfiguration}: its parser, runners, history location and
 * completer do not fit amsh (see that class), and its beans could not be overridden one by one.
 * Liquibase's is replaced by {@link dev.amsh.catalog.CatalogSchema}, which starts Liquibase only
 * when the catalog's schema is not current. Start it through {@link Launcher}, which resolves and
 * locks the catalog first.
 *
 * <p>What {@code @SpringBootApplication} declares, spelled out to leave the dashboard's package out
 * of the scan: the shell never loads the web pages; {@code amsh dashboard} adds them with
 * {@code dev.amsh.dashboard.DashboardConfiguration}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ComponentScan(excludeFilters = {
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.amsh\\.dashboard\\..*")})
@EnableAutoConfiguration(
        exclude = {SpringShellAutoConfiguration.class, LiquibaseAutoConfiguration.class},
        // Start-up time: machinery a command-line shell never uses (thread pools, SSL bundles, SQL
        // init scripts, the JdbcClient, availability probes).
        excludeName = {
            "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
            "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration",
            "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
            "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration"})
public class AmshApplication {

    /**
     * The shell's own properties, for the build-time bean definitions as for a start without them:
     * the web stack's auto-configurations that would apply outside a web application (a template
     * engine, JSON message converters, Spring Security's authentication events) are left out, so the
     * shell starts as it did before the dashboard existed. {@code amsh dashboard} does not use these.
     */
    public static final Map<String, Object> SHELL_PROPERTIES = Map.of("spring.autoconfigure.exclude", String.join(",",
            "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
            "org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration"));

    /**
     * Build-time entry for Spring's ahead-of-time processing only, which runs the application up
     * to its bean definitions. Operators start amsh through {@link Launcher}.
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AmshApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(SHELL_PROPERTIES);
        application.run(args);
    }
}
