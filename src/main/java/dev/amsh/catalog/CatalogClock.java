package dev.amsh.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/** The one clock every change reads its time from; a test may put a fixed one in its place. */
@Configuration(proxyBeanMethods = false)
public class CatalogClock {

    /** UTC to the microsecond, which is what the catalog stores: what is shown equals what is stored. */
    @Bean
    public Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
