package dev.amsh.shell.completion;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.LineTokenizer.PartialLine;
import dev.amsh.command.LineTokenizer;
import dev.amsh.command.ValueKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code __complete LINE}, internal: what the bash and zsh completion scripts ask. LINE is the shell's
 * command line up to the cursor ({@code amsh --catalog DIR image delete jam}, or the same without the
 * program's name: {@code image delete jam}); prints the values
 * Tab would offer in the REPL for it, one per line and nothing else (no hints, no files: the
 * shell completes file names itself where none are printed).
 */
@Component
public class CompleteCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("__complete",
            "Print the completions of a command line, for the shell completion scripts",
            List.of(ArgumentSpec.required("line", ValueKind.TEXT, "the command line up to the cursor")),
            List.of(),
            CatalogAccess.READS);

    /** Looked up when run: the completer reads the command registry, which holds this command. */
    private final ObjectProvider<ShellCompleter> completer;

    public CompleteCommand(ObjectProvider<ShellCompleter> completer) {
        super(COMMAND);
        this.completer = completer;
    }

    /** Not for operators: help and Tab leave it out. (Spring Shell cannot run a command marked hidden.) */
    public static boolean isInternal(Command command) {
        return command instanceof CompleteCommand;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        PartialLine typed = LineTokenizer.tokenizePartial(call.requiredArgument("line"));
        List<String> words = typed.words();
        // The shells pass the line with the program's name first; a line typed without it is taken as it is.
        boolean program = !words.isEmpty() && !words.get(0).startsWith("-")
                && !completer.getObject().startsACommand(words.get(0));
        if (words.isEmpty() || program && words.size() == 1 && !typed.lastWordComplete()) {
            // The cursor is on the program's name.
            return Exit.DONE;
        }
        List<String> afterProgram = program ? words.subList(1, words.size()) : words;
        List<String> before = typed.lastWordComplete() ? afterProgram : afterProgram.subList(0, afterProgram.size() - 1);
        int global = globalOptionWords(before);
        if (global > before.size()) {
            // The cursor is on a global option's value: a directory or URL the shell completes.
            return Exit.DONE;
        }
        ShellCompleter.Offer offer = completer.getObject().offer(new PartialLine(afterProgram.subList(global, afterProgram.size()),
                typed.lastWordComplete()));
        offer.proposals().stream().map(CompletionProposal::value).forEach(call.out()::println);
        call.out().flush();
        return Exit.DONE;
    }

    /**
     * How many leading words are the global options the scripts pass on ({@code --catalog DIR},
     * {@code --catalog-url=URL}, {@code --debug}); one more than the words when the last option's
     * value is still to come.
     */
    private static int globalOptionWords(List<String> words) {
        int i = 0;
        while (i < words.size()) {
            String word = words.get(i);
            if (word.equals("--catalog") || word.equals("--catalog-url")) {
                i += 2;
            }
            else if (word.startsWith("--catalog=") || word.startsWith("--catalog-url=") || word.equals("--debug")) {
                i++;
            }
            else {
                break;
            }
        }
        return i;
    }
}
