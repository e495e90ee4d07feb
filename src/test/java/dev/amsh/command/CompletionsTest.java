package dev.amsh.command;

import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.completion.CompletionProposal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What Tab left out is counted once a face asks for it, and once only: bash's Tab never asks. */
class CompletionsTest {

    @Test
    void theCountOfWhatWasLeftOutRunsWhenItsHintIsAskedForAndOnce() {
        AtomicInteger counts = new AtomicInteger();
        List<CompletionProposal> proposals = List.of(new CompletionProposal("ca000"), new CompletionProposal("ca001"));

        Completions found = Completions.firstOf(proposals, 2, () -> {
            counts.incrementAndGet();
            return 7;
        });

        assertThat(found.proposals()).extracting(CompletionProposal::value).containsExactly("ca000", "ca001");
        assertThat(counts).as("proposals alone count nothing").hasValue(0);
        assertThat(found.unshownHint()).contains("... 5 more; type more letters");
        assertThat(found.unshown().countStopped()).isFalse();
        assertThat(found.warningWhenSole().unshownHint()).contains("... 5 more; type more letters");
        assertThat(counts).hasValue(1);
    }

    @Test
    void aCountPastItsBoundSaysMoreThanIt() {
        Completions found = Completions.firstOf(List.of(new CompletionProposal("m")), 1,
                () -> Completions.COUNTED_UP_TO + 1);

        assertThat(found.unshownHint()).contains("... more than 1,000 match; type more letters");
        assertThat(Completions.all(List.of()).unshownHint()).isEmpty();
    }
}
