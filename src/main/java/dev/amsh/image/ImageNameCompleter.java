package dev.amsh.image;

import dev.amsh.catalog.Xid;
import dev.amsh.command.CommandWords;
import dev.amsh.command.ValueCompleter;
import dev.amsh.image.ImageQueries.ImageCandidate;
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
 * indexed prefix query.
 */
@Component
public class ImageNameCompleter implements ValueCompleter {

    private final ImageQueries queries;

    public ImageNameCompleter(ImageQueries queries) {
        this.queries = queries;
    }

    @Override
    public List<CompletionProposal> complete(CommandWords line, String typed) {
        Map<String, List<ImageCandidate>> byName = new LinkedHashMap<>();
        for (ImageCandidate candidate : queries.namesStartingWith(typed, MAX_CANDIDATES)) {
            byName.computeIfAbsent(candidate.name(), n -> new ArrayList<>()).add(candidate);
        }
        List<CompletionProposal> proposals = new ArrayList<>();
        byName.forEach((name, variants) -> proposals.add(new CompletionProposal(name)
                .description(variants.stream().map(ImageNameCompleter::describe).collect(Collectors.joining("; ")))));
        int room = MAX_CANDIDATES - proposals.size();
        if (room > 0 && !typed.isEmpty() && Xid.looksLikeId(padToIdLength(typed))) {
            for (ImageCandidate candidate : queries.idsStartingWith(typed, room)) {
                proposals.add(new CompletionProposal(candidate.id())
                        .description(candidate.name() + ", " + describe(candidate)));
            }
        }
        return proposals;
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

    /** Pads a partly typed id with a valid digit, so the id check accepts any prefix of one. */
    private static String padToIdLength(String typed) {
        return typed.length() >= Xid.LENGTH ? typed : typed + "0".repeat(Xid.LENGTH - typed.length());
    }
}
