package dev.amsh;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration;

/**
 * The Spring application behind amsh. Spring Shell's auto-configuration is replaced as a whole
 * by {@link dev.amsh.shell.ShellConfiguration}: its parser, runners, history location and
 * completer do not fit amsh (see that class), and its beans could not be overridden one by one.
 * Start it through {@link Launcher}, which resolves and locks the catalog first.
 */
@SpringBootApplication(exclude = SpringShellAutoConfiguration.class)
public class AmshApplication {
}
