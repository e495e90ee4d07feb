package dev.amsh.shell.completion;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.CommandWords;
import dev.amsh.command.CommandWords.Typing;
import dev.amsh.command.LineTokenizer;
import dev.amsh.command.LineTokenizer.PartialLine;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueCompleter;
import dev.amsh.command.ValueKind;
import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Tab in the REPL. Completes command names word by word (also partly typed ones:
 * {@code image de<TAB>}); after a command, reads the words before the cursor with the same
 * reader the parser uses and routes the word at the cursor: option names from the spec, fixed
 * choices, files, or the feature's {@link ValueCompleter} that the argument or option names.
 */
@Component
public class ShellCompleter implements Completer {

    private final CommandRegistry registry;
    private final Map<Class<?>, ValueCompleter> completers;
    private final FileNameCompleter files = new FileNameCompleter();

    public ShellCompleter(CommandRegistry registry, List<ValueCompleter> completers) {
        this.registry = registry;
        this.completers = completers.stream().collect(Collectors.toMap(ClassUtils::getUserClass, Function.identity()));
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
        if (!(command instanceof AmshCommand amsh)) {
            return;
        }
        CommandWords given = CommandWords.readBeforeCursor(amsh.spec(), before.subList(commandLength, before.size()));
        Typing typing = given.typing(typed);
        if (typing instanceof Typing.Argument argument && argument.argument().kind() == ValueKind.FILE) {
            files.complete(reader, line, candidates);
            return;
        }
        for (CompletionProposal proposal : proposals(given, typing)) {
            candidates.add(new Candidate(proposal.value(), proposal.displayText(), proposal.category(),
                    proposal.description(), null, null, proposal.complete()));
        }
    }

    private List<CompletionProposal> proposals(CommandWords given, Typing typing) {
        if (typing instanceof Typing.OptionName) {
            return optionNames(given, typing.typed());
        }
        if (typing instanceof Typing.OptionValue value) {
            OptionSpec option = value.option();
            return values(given, option.kind(), option.choices(), option.completer(), value.typed()).stream()
                    .map(proposal -> proposal.value(value.prefix() + proposal.value()))
                    .toList();
        }
        List<CompletionProposal> proposals = typing instanceof Typing.Argument argument
                ? values(given, argument.argument().kind(), List.of(), argument.argument().completer(), typing.typed())
                : List.of();
        // Nothing to propose for an empty word: the options still to give are what comes next.
        return proposals.isEmpty() && typing.typed().isEmpty() ? optionNames(given, "") : proposals;
    }

    private List<CompletionProposal> optionNames(CommandWords given, String typed) {
        return given.spec().options().stream()
                .filter(o -> !given.given(o.longName()))
                .filter(o -> ("--" + o.longName()).startsWith(typed))
                .map(o -> new CompletionProposal("--" + o.longName()).description(o.description()).complete(o.isFlag()))
                .toList();
    }

    private List<CompletionProposal> values(CommandWords given, ValueKind kind, List<String> choices,
            Class<? extends ValueCompleter> completer, String typed) {
        if (completer != null) {
            ValueCompleter found = completers.get(completer);
            if (found == null) {
                throw new IllegalStateException("no completer bean " + completer.getName());
            }
            return found.complete(given, typed);
        }
        if (kind == ValueKind.CHOICE) {
            return choices.stream().filter(c -> c.startsWith(typed)).map(CompletionProposal::new).toList();
        }
        return List.of();
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

    /**
     * The next word of the command names that start with the words typed so far; aliases
     * ({@code ls}, {@code app}) only where no name fits, so {@code ap<TAB>} still gives {@code application}.
     */
    private Set<String> commandWords(List<String> before, String typed) {
        String prefix = before.isEmpty() ? "" : String.join(" ", before) + " ";
        Set<String> next = nextWords(registry.getCommands().stream().map(Command::getName), prefix, typed);
        if (before.isEmpty()) {
            List.of("exit", "quit").stream().filter(w -> w.startsWith(typed)).forEach(next::add);
        }
        if (next.isEmpty()) {
            next = nextWords(registry.getCommands().stream().flatMap(command -> command.getAliases().stream()),
                    prefix, typed);
        }
        return next;
    }

    private static Set<String> nextWords(Stream<String> names, String prefix, String typed) {
        Set<String> next = new LinkedHashSet<>();
        names.filter(name -> name.startsWith(prefix + typed))
                .sorted()
                .forEach(name -> next.add(name.substring(prefix.length()).split(" ")[0]));
        return next;
    }
}
