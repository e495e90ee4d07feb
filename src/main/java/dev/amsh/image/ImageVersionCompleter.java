package dev.amsh.image;

import dev.amsh.command.CommandWords;
import dev.amsh.command.Completions;
import dev.amsh.command.ValueCompleter;
import dev.amsh.image.rules.DeletionRules;
import dev.amsh.image.rules.ImageFacts;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The versions of the image already named on the line ({@code --vm} selecting its variant), each
 * marked where a deletion rule would refuse it ({@code in use by app1}, {@code only version}); a
 * sole marked version is shown with its mark rather than inserted unread.
 */
@Component
public class ImageVersionCompleter implements ValueCompleter {

    private final ImageService images;

    public ImageVersionCompleter(ImageService images) {
        this.images = images;
    }

    @Override
    public Completions complete(CommandWords line, String typed) {
        Optional<ImageFacts> facts = line.valueCompletedBy(ImageNameCompleter.class)
                .flatMap(image -> images.inspect(image, line.given("vm")));
        if (facts.isEmpty()) {
            return Completions.all(List.of());
        }
        List<CompletionProposal> proposals = facts.get().versions().stream()
                .map(version -> version.version())
                .filter(version -> String.valueOf(version).startsWith(typed))
                .map(version -> {
                    CompletionProposal proposal = new CompletionProposal(String.valueOf(version));
                    DeletionRules.versionMark(facts.get(), version).ifPresent(proposal::description);
                    return proposal;
                })
                .toList();
        return Completions.all(proposals).warningWhenSole();
    }
}
