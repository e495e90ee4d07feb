package dev.amsh.dashboard;

import dev.amsh.image.ImageService.ImageDetails;
import dev.amsh.image.rules.Refusal;
import dev.amsh.image.rules.Rule;
import dev.amsh.vocabulary.Texts;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

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

    /**
     * A name in pieces that each end at a {@code :}, for the page to allow a line break after each
     * {@code :} only: {@code jammy:android13:amd64} breaks as {@code jammy:} / {@code android13:amd64},
     * never inside {@code io.anbox-cloud}.
     */
    public List<String> nameParts(String name) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        String shown = visible(name);
        for (int colon = shown.indexOf(':'); colon >= 0; colon = shown.indexOf(':', start)) {
            parts.add(shown.substring(start, colon + 1));
            start = colon + 1;
        }
        parts.add(shown.substring(start));
        return parts.stream().filter(part -> !part.isEmpty()).toList();
    }

    /** A command's words, for the page to break a long command between words only, never inside {@code --force}. */
    public List<String> words(String command) {
        return Arrays.stream(visible(command).split(" ")).filter(word -> !word.isEmpty()).toList();
    }

    /**
     * What stops a delete, in a table row or under a page's header: a short phrase, no command; the
     * action that clears it stands beside it.
     */
    public String mark(Rule rule, String ruleMark, String type) {
        return switch (rule) {
            case D2_IMMUTABLE -> "From the image server";
            case D5_DEFAULT -> "The default " + type + " image";
            default -> phrase(ruleMark);
        };
    }

    /** A short text from a service as the start of a line on a page: {@code only version} becomes {@code Only version}. */
    public String phrase(String text) {
        return sentence(visible(text));
    }

    /**
     * What clears a refusal, in the page's own words: the buttons beside it do it, so no shell
     * command is quoted. {@code forced}: the delete was asked with force, which clears D2 only.
     */
    public String remedy(Refusal refusal, ImageDetails details, boolean forced) {
        String remedy = switch (refusal.rule()) {
            case D1_UNKNOWN -> "Check the name in the Images list.";
            case D2_IMMUTABLE -> "Delete it with force: it returns at the next image server sync, with a new id.";
            case D3_IMMUTABLE_VERSION -> "Delete the whole image with force instead.";
            case D4_LAST_VERSION -> "One version must remain: delete the whole image instead.";
            case D5_DEFAULT -> "Make another " + (details == null ? "" : details.image().type() + " ")
                    + "image the default first.";
            case D7_IN_USE -> details != null && details.usedBy().size() > 1 ? "Delete the applications first."
                    : "Delete the application first.";
            case D6_SOLE_DEFAULT, D8_FORCE_SCOPE -> sentence(visible(refusal.remedy()));
        };
        return forced && refusal.rule() != Rule.D2_IMMUTABLE ? remedy + " Force does not override this." : remedy;
    }
}
