package dev.amsh.image;

import dev.amsh.command.CommandWords;
import dev.amsh.command.Completions;
import dev.amsh.command.ValueCompleter;
import dev.amsh.image.ImageQueries.ImageCandidate;
import dev.amsh.vocabulary.Xid;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Image names starting with what was typed (a name that exists as container and vm is offered
 * once, described as both), then ids when the typed text could start one. Each is a bounded,
 * indexed prefix query; when the names fill the candidates, the rest are counted (also bounded).
 */
@Component
public class ImageNameCompleter implements ValueCompleter {

    private final ImageQueries queries;

    public ImageNameCompleter(ImageQueries queries) {
        this.queries = queries;
    }

    @Override
    public Completions complete(CommandWords line, String typed) {
        Map<String, List<ImageCandidate>> byName = new LinkedHashMap<>();
        List<ImageCandidate> named = queries.namesStartingWith(typed, MAX_CANDIDATES);
        for (ImageCandidate candidate : named) {
            byName.computeIfAbsent(candidate.name(), n -> new ArrayList<>()).add(candidate);
        }
        List<CompletionProposal> proposals = new ArrayList<>();
        byName.forEach((name, variants) -> proposals.add(new CompletionProposal(name)
                .description(variants.stream().map(ImageNameCompleter::describe).collect(Collectors.joining("; ")))));
        if (named.size() == MAX_CANDIDATES) {
            return Completions.firstOf(proposals, named.size(),
                    () -> queries.countNamesStartingWith(typed, Completions.COUNTED_UP_TO + 1));
        }
        int room = MAX_CANDIDATES - proposals.size();
        if (!typed.isEmpty() && Xid.looksLikeIdPrefix(typed)) {
            List<ImageCandidate> ids = queries.idsStartingWith(typed, room);
            ids.forEach(candidate -> proposals.add(new CompletionProposal(candidate.id())
                    .description(candidate.name() + ", " + describe(candidate))));
            if (ids.size() == room) {
                return Completions.firstOf(proposals, ids.size(),
                        () -> queries.countIdsStartingWith(typed, Completions.COUNTED_UP_TO + 1));
            }
        }
        return Completions.all(proposals);
    }

    private static String describe(ImageCandidate candidate) {
        StringBuilder text = new StringBuilder(candidate.type().wireName());
        if (candidate.isDefault()) {
            text.append(", default");
        }
        if (candidate.immutable()) {
            text.append(", immutable");
        }
        return text.toString();
    }
}
