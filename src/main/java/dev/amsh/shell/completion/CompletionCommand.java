package dev.amsh.shell.completion;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.CommandWords;
import dev.amsh.command.Completions;
import dev.amsh.command.Exit;
import dev.amsh.command.UsageException;
import dev.amsh.command.ValueCompleter;
import dev.amsh.command.ValueKind;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code completion bash|zsh}: prints the script that completes amsh's one-shot command lines in
 * that shell. The script asks amsh itself ({@code __complete}), so it completes what the REPL does.
 */
@Component
public class CompletionCommand extends AmshCommand {

    static final List<String> SHELLS = List.of("bash", "zsh");

    static final CommandSpec COMMAND = new CommandSpec("completion",
            "Print the shell completion script for bash or zsh",
            List.of(ArgumentSpec.required("shell", ValueKind.TEXT, "bash or zsh").completedBy(Shells.class)),
            List.of(),
            CatalogAccess.READS)
            .withNotes(List.of("Load it in the running shell: source <(amsh completion bash)",
                    "or install it: see the README, section Shell completion."));

    public CompletionCommand() {
        super(COMMAND);
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        String shell = call.requiredArgument("shell");
        if (!SHELLS.contains(shell)) {
            throw new UsageException("no completion for '" + Texts.abbreviate(shell) + "'; choose bash or zsh");
        }
        call.out().print(script(shell));
        call.out().flush();
        return Exit.DONE;
    }

    static String script(String shell) {
        try (InputStream in = CompletionCommand.class.getResourceAsStream("amsh." + shell)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shells a script exists for. */
    @Component
    public static class Shells implements ValueCompleter {

        @Override
        public Completions complete(CommandWords line, String typed) {
            return Completions.all(SHELLS.stream().filter(shell -> shell.startsWith(typed))
                    .map(CompletionProposal::new).toList());
        }
    }
}
