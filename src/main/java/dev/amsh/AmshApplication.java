package dev.amsh;

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
@SpringBootApplication(exclude = {SpringShellAutoConfiguration.class, LiquibaseAutoConfiguration.class})
public class AmshApplication {
}
