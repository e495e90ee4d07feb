package dev.amsh.application;

import dev.amsh.command.CommandWords;
import dev.amsh.command.Completions;
import dev.amsh.command.ValueCompleter;
import dev.amsh.vocabulary.Xid;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Application names starting with what was typed, then ids when the typed text could start one
 * (described by the application's name). Each is a bounded, indexed range query; when the
 * candidates are full, the rest are counted (also bounded).
 */
@Component
public class ApplicationNameCompleter implements ValueCompleter {

    private static final String RANGE_END = "\uffff";

    private final ApplicationRepository applications;

    public ApplicationNameCompleter(ApplicationRepository applications) {
        this.applications = applications;
    }

    @Override
    public Completions complete(CommandWords line, String typed) {
        String high = typed + RANGE_END;
        List<CompletionProposal> proposals = new ArrayList<>(applications.namesBetween(typed, high, MAX_CANDIDATES)
                .stream().map(CompletionProposal::new).toList());
        if (proposals.size() == MAX_CANDIDATES) {
            return Completions.firstOf(proposals, proposals.size(),
                    () -> applications.countNamesBetween(typed, high, Completions.COUNTED_UP_TO + 1));
        }
        if (typed.isEmpty() || !Xid.looksLikeIdPrefix(typed)) {
            return Completions.all(proposals);
        }
        int room = MAX_CANDIDATES - proposals.size();
        List<ApplicationRepository.IdAndName> ids = applications.idsBetween(typed, high, room);
        ids.forEach(id -> proposals.add(new CompletionProposal(id.id()).description(id.name())));
        return ids.size() < room ? Completions.all(proposals) : Completions.firstOf(proposals, ids.size(),
                () -> applications.countIdsBetween(typed, high, Completions.COUNTED_UP_TO + 1));
    }
}
