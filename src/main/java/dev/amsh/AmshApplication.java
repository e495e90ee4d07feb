package dev.amsh;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration;

/**
 * The Spring application behind amsh. Spring Shell's auto-configuration is replaced as a whole
 * by {@link dev.amsh.shell.ShellConfiguration}: its parser, runners, history location and
 * completer do not fit amsh (see that class), and its beans could not be overridden one by one.
 * Liquibase's is replaced by {@link dev.amsh.catalog.CatalogSchema}, which starts Liquibase only
 * when the catalog's schema is not current. Start it through {@link Launcher}, which resolves and
 * locks the catalog first.
 */
@SpringBootApplication(proxyBeanMethods = false,
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
     * Build-time entry for Spring's ahead-of-time processing only, which runs the application up
     * to its bean definitions. Operators start amsh through {@link Launcher}.
     */
    public static void main(String[] args) {
        new SpringApplication(AmshApplication.class).run(args);
    }
}
