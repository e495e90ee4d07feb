package dev.amsh.vocabulary;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How close a mistyped word is to the ones that exist, for "did you mean": case is ignored, a prefix counts as close. */
public final class Closeness {

    private Closeness() {
    }

    /**
     * The candidates close to {@code wanted}, closest first (then alphabetical), at most
     * {@code limit}: a third of its length may differ (at least two characters).
     */
    public static List<String> closest(String wanted, Collection<String> candidates, int limit) {
        return closest(wanted, candidates, limit, Math.max(2, wanted.length() / 3));
    }

    /** As {@link #closest(String, Collection, int)}, with at most {@code maxDistance} edits. */
    public static List<String> closest(String wanted, Collection<String> candidates, int limit, int maxDistance) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        int threshold = maxDistance;
        return candidates.stream()
                .distinct()
                .map(candidate -> Map.entry(candidate, distance(wanted, candidate)))
                .filter(e -> e.getValue() <= threshold)
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Edit distance ignoring case; 1 where one starts the other (a word typed short or long is close). */
    public static int distance(String first, String second) {
        String a = first.toLowerCase(Locale.ROOT);
        String b = second.toLowerCase(Locale.ROOT);
        if (a.equals(b)) {
            return 0;
        }
        if (b.startsWith(a) || a.startsWith(b)) {
            return 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
