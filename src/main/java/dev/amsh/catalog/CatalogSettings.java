package dev.amsh.catalog;

import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Texts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;

import java.time.Duration;

/**
 * amsh's settings ({@code -Damsh.catalog.lock-timeout=2m}), read into one record: the launcher
 * reads them before Spring starts, the application's beans are given the same record.
 *
 * @param lockTimeout how long a command waits for a lock another session holds, and the launcher for
 *                    a catalog another process holds, before it gives up
 */
@ConfigurationProperties("amsh.catalog")
public record CatalogSettings(Duration lockTimeout) {

    public static final String LOCK_TIMEOUT_PROPERTY = "amsh.catalog.lock-timeout";
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    public CatalogSettings {
        lockTimeout = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout;
    }

    /** The settings as the system properties give them, read as Spring reads them, for the launcher. */
    public static CatalogSettings fromSystemProperties() {
        String value = System.getProperty(LOCK_TIMEOUT_PROPERTY);
        if (value == null) {
            return new CatalogSettings(null);
        }
        try {
            return new CatalogSettings(DurationStyle.detectAndParse(value));
        }
        catch (IllegalArgumentException e) {
            throw new InvalidValueException(LOCK_TIMEOUT_PROPERTY + ": '" + Texts.abbreviate(value) + "' is not a duration");
        }
    }
}
