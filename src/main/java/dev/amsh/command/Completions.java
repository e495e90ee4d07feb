package dev.amsh.command;

import org.springframework.shell.core.command.completion.CompletionProposal;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a {@link ValueCompleter} offers for the word at the cursor: its proposals, how many matching
 * values it left out (counted by a query that stops after {@link #COUNTED_UP_TO} + 1 rows, so a short
 * prefix in a large catalog stays cheap), and whether a sole proposal carries a warning the operator
 * should read before it is inserted.
 *
 * @param unshown      matching values left out
 * @param countStopped the count stopped at its bound: there are more than {@link #COUNTED_UP_TO} matches
 */
public record Completions(List<CompletionProposal> proposals, long unshown, boolean countStopped,
        boolean warnsWhenSole) {

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
        return new Completions(proposals, 0, false, false);
    }

    /**
     * Proposals made from the first {@code rowsRead} matching rows, of {@code rowsCounted} counted by a
     * query bounded at {@link #COUNTED_UP_TO} + 1.
     */
    public static Completions firstOf(List<CompletionProposal> proposals, long rowsRead, long rowsCounted) {
        return new Completions(proposals, Math.max(0, rowsCounted - rowsRead), rowsCounted > COUNTED_UP_TO, false);
    }

    /** The same proposals; a sole one is listed with its description rather than inserted at once. */
    public Completions warningWhenSole() {
        return new Completions(proposals, unshown, countStopped, true);
    }

    /** Whether the sole proposal must be shown, not inserted: it carries a warning. */
    public boolean soleProposalWarns() {
        if (!warnsWhenSole || proposals.size() != 1 || unshown > 0) {
            return false;
        }
        String description = proposals.get(0).description();
        return description != null && !description.isEmpty();
    }

    /** {@code ... 2,950 more; type more letters} (or {@code more than 1,000 match}) when not every match is proposed. */
    public Optional<String> unshownHint() {
        if (unshown == 0) {
            return Optional.empty();
        }
        NumberFormat number = NumberFormat.getIntegerInstance(Locale.ROOT);
        String count = countStopped ? "more than " + number.format(COUNTED_UP_TO) + " match"
                : number.format(unshown) + " more";
        return Optional.of("... " + count + "; type more letters");
    }
}
