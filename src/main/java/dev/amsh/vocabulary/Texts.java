package dev.amsh.vocabulary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Small text helpers for messages that must stay one readable line. */
public final class Texts {

    private static final int MAX_QUOTED = 60;

    private Texts() {
    }

    /** The text itself if short; else its start, an ellipsis and its length, so a 5,000-character name stays one line. */
    public static String abbreviate(String text) {
        String start = text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED);
        String shown = visible(start);
        return text.length() <= MAX_QUOTED ? shown : shown + "... (" + text.length() + " characters)";
    }

    /**
     * The text with every character that would act on a terminal rather than be read written out as an
     * escape: {@code \e} for ESC, {@code \n}, {@code \r}, {@code \t}, other C0 and C1 controls as
     * {@code \xNN}, and invisible format characters (bidi controls, zero-width spaces and joiners) and line or
     * paragraph separators as a backslash, {@code u} and four
     * hex digits. Printed raw,
     * text from a catalog, an index or a server could retitle the window, hide what follows or reorder a
     * line so that it reads as something else.
     */
    public static String visible(String text) {
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && shown == null) {
                shown = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (shown != null) {
                if (escape == null) {
                    shown.append(c);
                }
                else {
                    shown.append(escape);
                }
            }
        }
        return shown == null ? text : shown.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\u001b':
                return "\\e";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (Character.isISOControl(c)) {
            return String.format(Locale.ROOT, "\\x%02X", (int) c);
        }
        if (isInvisibleFormat(c) || c == '\u2028' || c == '\u2029') {
            return String.format(Locale.ROOT, "\\u%04X", (int) c);
        }
        return null;
    }

    /**
     * A format character: shown as nothing, yet it changes what is shown: the bidi marks and embeddings
     * that reorder a line (ALM, LRM, RLM, LRE..RLO, LRI..PDI), and the zero-width ones (U+200B..U+200D,
     * U+2060, U+FEFF) that make two different names look the same.
     */
    public static boolean isInvisibleFormat(char c) {
        return Character.getType(c) == Character.FORMAT || c == '\u200b';
    }

    /** {@code 1 image}, {@code 2 images}: a count with its noun in the right number. */
    public static String count(long count, String singular) {
        return count + " " + (count == 1 ? singular : singular + "s");
    }

    /** Bytes as operators read them: {@code 512 B}, {@code 1.5 KiB}, {@code 1.9 GiB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        // As %.1f rounds (half up, from the shortest decimal that names the double), without a Formatter:
        // a replayed delete prints a size, and formatting it was a tenth of the line's time.
        return new BigDecimal(Double.toString(value)).setScale(1, RoundingMode.HALF_UP).toPlainString() + " "
                + units[unit];
    }

    /** {@code 0, 1, 2}. */
    public static String joinNumbers(java.util.Collection<Integer> numbers) {
        return String.join(", ", numbers.stream().map(String::valueOf).toList());
    }
}
