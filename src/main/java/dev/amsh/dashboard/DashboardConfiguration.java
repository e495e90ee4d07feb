package dev.amsh.dashboard;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard's pages, added to the shell's application by {@code amsh dashboard} only: the
 * shell's own scan leaves this package out.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = DashboardConfiguration.class)
public class DashboardConfiguration {
}
