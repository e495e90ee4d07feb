package dev.amsh.application;

import dev.amsh.command.CommandWords;
import dev.amsh.command.Completions;
import dev.amsh.command.ValueCompleter;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.stereotype.Component;

import java.util.List;

/** The versions of the application already named on the line (by name or id). */
@Component
public class ApplicationVersionCompleter implements ValueCompleter {

    private final ApplicationService applications;

    public ApplicationVersionCompleter(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public Completions complete(CommandWords line, String typed) {
        return Completions.all(line.valueCompletedBy(ApplicationNameCompleter.class)
                .flatMap(applications::find)
                .map(application -> application.sortedVersions().stream()
                        .map(version -> String.valueOf(version.version()))
                        .filter(version -> version.startsWith(typed))
                        .map(CompletionProposal::new)
                        .toList())
                .orElse(List.of()));
    }
}
