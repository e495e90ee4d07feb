package dev.amsh.catalog;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * What every part of the application reads alike: the one clock a change reads its time from (a
 * test may put a fixed one in its place), and amsh's settings, {@link CatalogSettings}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogSettings.class)
public class CatalogClock {

    /** UTC to the microsecond, which is what the catalog stores: what is shown equals what is stored. */
    @Bean
    public Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
