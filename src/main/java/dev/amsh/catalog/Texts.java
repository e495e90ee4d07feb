package dev.amsh.catalog;

/** Small text helpers for messages that must stay one readable line. */
public final class Texts {

    private static final int MAX_QUOTED = 60;

    private Texts() {
    }

    /** The text itself if short; else its start, an ellipsis and its length, so a 5,000-character name stays one line. */
    public static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        if (oneLine.length() <= MAX_QUOTED) {
            return oneLine;
        }
        return oneLine.substring(0, MAX_QUOTED) + "... (" + text.length() + " characters)";
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
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code 0, 1, 2}. */
    public static String joinNumbers(java.util.Collection<Integer> numbers) {
        return String.join(", ", numbers.stream().map(String::valueOf).toList());
    }
}
