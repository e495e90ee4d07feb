package dev.amsh.shell.completion;

import dev.amsh.command.LineTokenizer;
import dev.amsh.command.LineTokenizer.PartialLine;
import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.stereotype.Component;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.ValueKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tab in the REPL. Completes command names word by word (also partly typed ones:
 * {@code image de<TAB>}), then hands the words after the command to that command's Spring
 * Shell {@code CompletionProvider}. Spring Shell's own completer proposes nothing for a partly
 * typed argument, so this one replaces it.
 */
@Component
public class ShellCompleter implements Completer {

    private final CommandRegistry registry;
    private final FileNameCompleter files = new FileNameCompleter();

    public ShellCompleter(CommandRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        PartialLine partial = LineTokenizer.tokenizePartial(line.line().substring(0, line.cursor()));
        List<String> words = new ArrayList<>(partial.words());
        if (partial.lastWordComplete()) {
            words.add("");
        }
        if (words.size() > 1 && words.get(0).equals("amc")) {
            words.remove(0);
        }
        List<String> before = words.subList(0, words.size() - 1);
        String typed = words.get(words.size() - 1);

        int commandLength = longestCommandPrefix(before);
        if (commandLength == 0) {
            commandWords(before, typed).forEach(word -> candidates.add(new Candidate(word, word, null, null, null, null,
                    true)));
            return;
        }
        Command command = registry.getCommandByName(String.join(" ", before.subList(0, commandLength)));
        List<String> rest = new ArrayList<>(words.subList(commandLength, words.size()));
        CompletionContext context = new CompletionContext(rest, rest.size() - 1, typed.length(), command, null);
        for (CompletionProposal proposal : command.getCompletionProvider().apply(context)) {
            candidates.add(new Candidate(proposal.value(), proposal.displayText(), proposal.category(),
                    proposal.description(), null, null, proposal.complete()));
        }
        if (candidates.isEmpty() && expectsFile(command, rest)) {
            files.complete(reader, line, candidates);
        }
    }

    /** How many leading words name a command ({@code image delete} is 2); 0 when none do. */
    private int longestCommandPrefix(List<String> words) {
        for (int n = words.size(); n > 0; n--) {
            if (registry.getCommandByName(String.join(" ", words.subList(0, n))) != null) {
                return n;
            }
        }
        return 0;
    }

    /** The next word of the command names that start with the words typed so far. */
    private Set<String> commandWords(List<String> before, String typed) {
        String prefix = before.isEmpty() ? "" : String.join(" ", before) + " ";
        Set<String> next = new LinkedHashSet<>();
        registry.getCommands().stream()
                .map(Command::getName)
                .filter(name -> name.startsWith(prefix + typed))
                .sorted()
                .forEach(name -> next.add(name.substring(prefix.length()).split(" ")[0]));
        if (before.isEmpty()) {
            List.of("exit", "quit").stream().filter(w -> w.startsWith(typed)).forEach(next::add);
        }
        return next;
    }

    private static boolean expectsFile(Command command, List<String> rest) {
        if (!(command instanceof AmshCommand amsh)) {
            return false;
        }
        long positionalsBefore = rest.subList(0, rest.size() - 1).stream().filter(w -> !w.startsWith("-")).count();
        List<ArgumentSpec> arguments = amsh.spec().arguments();
        return positionalsBefore < arguments.size() && arguments.get((int) positionalsBefore).kind() == ValueKind.FILE;
    }
}
