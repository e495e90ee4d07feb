package dev.amsh.application;

import dev.amsh.command.CommandWords;
import dev.amsh.command.ValueCompleter;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.stereotype.Component;

import java.util.List;

/** Application names starting with what was typed: a bounded, indexed range query. */
@Component
public class ApplicationNameCompleter implements ValueCompleter {

    private final ApplicationRepository applications;

    public ApplicationNameCompleter(ApplicationRepository applications) {
        this.applications = applications;
    }

    @Override
    public List<CompletionProposal> complete(CommandWords line, String typed) {
        return applications.namesBetween(typed, typed + "\uffff", MAX_CANDIDATES).stream()
                .map(CompletionProposal::new).toList();
    }
}
