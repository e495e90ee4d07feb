package dev.amsh.application;

import dev.amsh.command.CommandWords;
import dev.amsh.command.ValueCompleter;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.stereotype.Component;

import java.util.List;

/** The versions of the application already named on the line. */
@Component
public class ApplicationVersionCompleter implements ValueCompleter {

    private final ApplicationRepository applications;

    public ApplicationVersionCompleter(ApplicationRepository applications) {
        this.applications = applications;
    }

    @Override
    public List<CompletionProposal> complete(CommandWords line, String typed) {
        return line.valueCompletedBy(ApplicationNameCompleter.class)
                .flatMap(applications::findByName)
                .map(application -> application.sortedVersions().stream()
                        .map(version -> String.valueOf(version.version()))
                        .filter(version -> version.startsWith(typed))
                        .map(CompletionProposal::new)
                        .toList())
                .orElse(List.of());
    }
}
