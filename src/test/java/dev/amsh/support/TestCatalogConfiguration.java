package dev.amsh.support;

import dev.amsh.catalog.CatalogLocation;
import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.LaunchArguments;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.List;

@TestConfiguration(proxyBeanMethods = false)
public class TestCatalogConfiguration {

    /** The catalog's directory, deleted when the context closes: after the database in it, which needs its location. */
    @Bean
    public TemporaryDirectory catalogDirectory() {
        return TemporaryDirectory.create("amsh-test-catalog");
    }

    @Bean
    public CatalogLocation catalogLocation(TemporaryDirectory catalogDirectory) {
        return CatalogLocation.embedded(catalogDirectory.path());
    }

    @Bean
    public LaunchArguments launchArguments() {
        return new LaunchArguments(List.of(), false);
    }

    @Bean
    public CatalogFixture catalogFixture(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        return new CatalogFixture(jdbc);
    }

    @Bean
    public ShellHarness shellHarness(dev.amsh.command.CommandLineExecutor executor) {
        return new ShellHarness(executor);
    }
}
