package dev.amsh.support;

import dev.amsh.catalog.CatalogLocation;
import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.LaunchArguments;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

@TestConfiguration(proxyBeanMethods = false)
public class TestCatalogConfiguration {

    @Bean
    public CatalogLocation catalogLocation() {
        try {
            return CatalogLocation.embedded(Files.createTempDirectory("amsh-test-catalog"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
