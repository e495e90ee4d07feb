package dev.amsh.dashboard;

import dev.amsh.catalog.Texts;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * How the pages show values, as {@code @show} in the templates. Text from the catalog goes through
 * {@link #visible} (control and bidi characters written out) before Thymeleaf escapes it as HTML.
 */
@Component("show")
public class DashboardText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String visible(Object value) {
        return value == null ? "" : Texts.visible(value.toString());
    }

    public String size(long bytes) {
        return Texts.size(bytes);
    }

    /** Readable at a glance; the exact instant is in the element's datetime attribute. */
    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** A message from a service as a sentence on a page: {@code removed foo} becomes {@code Removed foo}. */
    static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    public String numbers(Collection<Integer> numbers) {
        return Texts.joinNumbers(numbers);
    }
}
