package dev.amsh.command;

import org.springframework.shell.core.command.completion.CompletionProposal;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What a {@link ValueCompleter} offers for the word at the cursor: its proposals, how many matching
 * values it left out (counted by a query that stops after {@link #COUNTED_UP_TO} + 1 rows, so a short
 * prefix in a large catalog stays cheap, and only once a face asks), and whether a sole proposal
 * carries a warning the operator should read before it is inserted.
 *
 * @param unshown matching values left out
 */
public record Completions(List<CompletionProposal> proposals, Unshown unshown, boolean warnsWhenSole) {

    /**
     * Counting every match of a short prefix in a large catalog would cost more than the Tab is worth:
     * past a thousand, the operator types more letters whatever the number, and each Tab reads a
     * tenth of the index rows that a bound of ten thousand read.
     */
    public static final int COUNTED_UP_TO = 1_000;

    public Completions {
        proposals = List.copyOf(proposals);
    }

    /** Every value that matched is proposed. */
    public static Completions all(List<CompletionProposal> proposals) {
        return new Completions(proposals, Unshown.NONE, false);
    }

    /**
     * Proposals made from the first {@code rowsRead} matching rows, of those {@code rowsCounted} counts
     * with a query bounded at {@link #COUNTED_UP_TO} + 1, when a face asks.
     */
    public static Completions firstOf(List<CompletionProposal> proposals, long rowsRead, LongSupplier rowsCounted) {
        return new Completions(proposals, new Unshown(rowsRead, rowsCounted), false);
    }

    /** The same proposals; a sole one is listed with its description rather than inserted at once. */
    public Completions warningWhenSole() {
        return new Completions(proposals, unshown, true);
    }

    /** Whether the sole proposal must be shown, not inserted: it carries a warning. */
    public boolean soleProposalWarns() {
        if (!warnsWhenSole || proposals.size() != 1 || unshown.count() > 0) {
            return false;
        }
        String description = proposals.get(0).description();
        return description != null && !description.isEmpty();
    }

    /** {@code ... 2,950 more; type more letters} (or {@code more than 1,000 match}) when not every match is proposed. */
    public Optional<String> unshownHint() {
        if (unshown.count() == 0) {
            return Optional.empty();
        }
        NumberFormat number = NumberFormat.getIntegerInstance(Locale.ROOT);
        String count = unshown.countStopped() ? "more than " + number.format(COUNTED_UP_TO) + " match"
                : number.format(unshown.count()) + " more";
        return Optional.of("... " + count + "; type more letters");
    }

    /**
     * How many matching values were left out, counted when first asked: the REPL shows it, while bash's
     * and zsh's Tab show values only and never pay for the count.
     */
    public static final class Unshown {

        static final Unshown NONE = new Unshown(0, () -> 0);

        private final long rowsRead;
        private final LongSupplier rowsCounted;
        private long counted = -1;

        Unshown(long rowsRead, LongSupplier rowsCounted) {
            this.rowsRead = rowsRead;
            this.rowsCounted = rowsCounted;
        }

        /** Matching values left out. */
        public long count() {
            return Math.max(0, counted() - rowsRead);
        }

        /** The count stopped at its bound: there are more than {@link #COUNTED_UP_TO} matches. */
        public boolean countStopped() {
            return counted() > COUNTED_UP_TO;
        }

        private synchronized long counted() {
            if (counted < 0) {
                counted = rowsCounted.getAsLong();
            }
            return counted;
        }
    }
}
