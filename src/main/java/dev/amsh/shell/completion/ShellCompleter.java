package dev.amsh.shell.completion;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.CommandWords;
import dev.amsh.command.CommandWords.Typing;
import dev.amsh.command.Completions;
import dev.amsh.command.LineTokenizer;
import dev.amsh.command.LineTokenizer.PartialLine;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueCompleter;
import dev.amsh.command.ValueKind;
import dev.amsh.vocabulary.Texts;
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
import java.util.function.Supplier;
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

    /** The value of a hint, a line shown among the candidates that Tab never inserts, sorts after them. */
    private static final int HINT_SORT = Integer.MAX_VALUE;

    /**
     * What Tab offers for the word at the cursor: proposals, or the local files; and lines to show
     * that are not candidates (how many matches were left out, why a sole proposal is not inserted),
     * made when asked for: bash's and zsh's Tab show none, and counting what was left out costs a query.
     */
    public record Offer(List<CompletionProposal> proposals, boolean files, Supplier<List<String>> hinted) {

        static final Offer NOTHING = new Offer(List.of(), false, List::of);

        public List<String> hints() {
            return hinted.get();
        }
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        Offer offer = offer(LineTokenizer.tokenizePartial(line.line().substring(0, line.cursor())));
        if (offer.files()) {
            files.complete(reader, line, candidates);
            return;
        }
        for (CompletionProposal proposal : offer.proposals()) {
            candidates.add(new Candidate(proposal.value(), proposal.displayText(), proposal.category(),
                    proposal.description(), null, null, proposal.complete()));
        }
        // JLine lists candidates that share a value with the word typed, and inserts nothing then: a
        // hint so valued is shown, never inserted, and keeps a sole proposal or the common start of a
        // truncated list from being inserted unread.
        offer.hints().forEach(hint -> candidates.add(new Candidate(line.word(), hint, null, null, null, null, false,
                HINT_SORT)));
    }

    /** Whether a candidate is a hint line rather than a value. */
    public static boolean isHint(Candidate candidate) {
        return candidate.sort() == HINT_SORT;
    }

    /**
     * What Tab offers after the words of a line typed up to the cursor (without the program's name).
     * Values with control or bidi characters are left out (they would be typed into the line);
     * descriptions show them as escapes ({@link Texts#visible}).
     */
    public Offer offer(PartialLine partial) {
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
            return new Offer(commandWords(before, typed).stream()
                    .map(word -> new CompletionProposal(word).complete(true)).toList(), false, List::of);
        }
        Command command = registry.getCommandByName(String.join(" ", before.subList(0, commandLength)));
        if (!(command instanceof AmshCommand amsh)) {
            return Offer.NOTHING;
        }
        CommandWords given = CommandWords.readBeforeCursor(amsh.spec(), before.subList(commandLength, before.size()));
        Typing typing = given.typing(typed);
        if (typing instanceof Typing.Argument argument && argument.argument().kind() == ValueKind.FILE) {
            return new Offer(List.of(), true, List::of);
        }
        Completions found = proposals(given, typing);
        List<CompletionProposal> shown = found.proposals().stream()
                .filter(proposal -> Texts.visible(proposal.value()).equals(proposal.value()))
                .map(proposal -> proposal.description() == null ? proposal
                        : proposal.description(Texts.visible(proposal.description())))
                .toList();
        return new Offer(shown, false, () -> {
            List<String> hints = new ArrayList<>();
            found.unshownHint().ifPresent(hints::add);
            if (found.soleProposalWarns() && shown.size() == 1) {
                hints.add("(marked: type it yourself to go ahead)");
            }
            return hints;
        });
    }

    private Completions proposals(CommandWords given, Typing typing) {
        if (typing instanceof Typing.OptionName) {
            return Completions.all(optionNames(given, typing.typed()));
        }
        if (typing instanceof Typing.OptionValue value) {
            OptionSpec option = value.option();
            Completions found = values(given, option.kind(), option.choices(), option.completer(), value.typed());
            return new Completions(found.proposals().stream()
                    .map(proposal -> proposal.value(value.prefix() + proposal.value()))
                    .toList(), found.unshown(), found.warnsWhenSole());
        }
        Completions found = typing instanceof Typing.Argument argument
                ? values(given, argument.argument().kind(), List.of(), argument.argument().completer(), typing.typed())
                : Completions.all(List.of());
        // Nothing to propose for an empty word: the options still to give are what comes next.
        return found.proposals().isEmpty() && typing.typed().isEmpty()
                ? Completions.all(optionNames(given, "")) : found;
    }

    private List<CompletionProposal> optionNames(CommandWords given, String typed) {
        return given.spec().options().stream()
                .filter(o -> !given.given(o.longName()))
                .filter(o -> ("--" + o.longName()).startsWith(typed))
                                // A space follows every option name: a flag's next word, or an option's value.
                .map(o -> new CompletionProposal("--" + o.longName()).description(o.description()).complete(true))
                .toList();
    }

    private Completions values(CommandWords given, ValueKind kind, List<String> choices,
            Class<? extends ValueCompleter> completer, String typed) {
        if (completer != null) {
            ValueCompleter found = completers.get(completer);
            if (found == null) {
                throw new IllegalStateException("no completer bean " + completer.getName());
            }
            return found.complete(given, typed);
        }
        if (kind == ValueKind.CHOICE) {
            return Completions.all(choices.stream().filter(c -> c.startsWith(typed)).map(CompletionProposal::new).toList());
        }
        return Completions.all(List.of());
    }

    /** Whether {@code word} can start a command line: a command's first word, one of its aliases', or {@code amc}. */
    public boolean startsACommand(String word) {
        return word.equals("amc") || registry.getCommands().stream()
                .flatMap(command -> Stream.concat(Stream.of(command.getName()), command.getAliases().stream()))
                .anyMatch(name -> name.split(" ")[0].equals(word));
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
        Set<String> next = nextWords(registry.getCommands().stream().filter(command -> !CompleteCommand.isInternal(command))
                .map(Command::getName), prefix, typed);
        if (before.isEmpty()) {
            List.of("exit", "quit").stream().filter(w -> w.startsWith(typed)).forEach(next::add);
        }
        if (next.isEmpty()) {
            next = nextWords(registry.getCommands().stream().filter(command -> !CompleteCommand.isInternal(command))
                    .flatMap(command -> command.getAliases().stream()),
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
