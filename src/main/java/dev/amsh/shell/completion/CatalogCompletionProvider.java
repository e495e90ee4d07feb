package dev.amsh.shell.completion;

import dev.amsh.application.Application;
import dev.amsh.application.ApplicationRepository;
import dev.amsh.application.ApplicationVersion;
import dev.amsh.catalog.Xid;
import dev.amsh.image.ImageQueries;
import dev.amsh.image.ImageQueries.ImageCandidate;
import dev.amsh.image.ImageService;
import dev.amsh.image.rules.DeletionRules;
import dev.amsh.image.rules.ImageFacts;
import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueKind;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Completes the words after a command name, from the command's spec and the catalog: its
 * options, image names and ids, the versions of the image already on the line (marked where a
 * rule would refuse their deletion), application names and fixed choices. Every catalog question
 * is a bounded, indexed prefix query. Spring Shell calls it through each command's
 * {@link CompletionProvider}; the context's words are those after the command name.
 */
@Component
public class CatalogCompletionProvider implements CompletionProvider {

    /** More candidates than fit a screen help nobody; the query stops here. */
    static final int MAX_CANDIDATES = 50;

    private final ImageQueries imageQueries;
    private final ImageService images;
    private final ApplicationRepository applications;

    public CatalogCompletionProvider(ImageQueries imageQueries, ImageService images,
            ApplicationRepository applications) {
        this.imageQueries = imageQueries;
        this.images = images;
        this.applications = applications;
    }

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        if (!(context.getCommand() instanceof AmshCommand command)) {
            return List.of();
        }
        CommandSpec spec = command.spec();
        List<String> words = context.getWords();
        int current = context.getWordIndex();
        String typed = current < words.size() ? words.get(current) : "";
        LineShape shape = LineShape.of(spec, words.subList(0, Math.min(current, words.size())));

        if (typed.startsWith("--") && typed.contains("=")) {
            String name = typed.substring(2, typed.indexOf('='));
            return spec.optionByLongName(name).filter(o -> !o.isFlag())
                    .map(o -> values(o.kind(), o.choices(), typed.substring(typed.indexOf('=') + 1), shape).stream()
                            .map(p -> p.value("--" + name + "=" + p.value())).toList())
                    .orElse(List.of());
        }
        if (shape.pendingOption() != null) {
            OptionSpec option = shape.pendingOption();
            return values(option.kind(), option.choices(), typed, shape);
        }
        if (typed.startsWith("-")) {
            return options(spec, shape, typed);
        }
        List<CompletionProposal> proposals = new ArrayList<>();
        if (shape.positionals().size() < spec.arguments().size()) {
            ArgumentSpec argument = spec.arguments().get(shape.positionals().size());
            proposals.addAll(values(argument.kind(), List.of(), typed, shape));
        }
        if (typed.isEmpty() && proposals.isEmpty()) {
            proposals.addAll(options(spec, shape, typed));
        }
        return proposals;
    }

    private List<CompletionProposal> options(CommandSpec spec, LineShape shape, String typed) {
        return spec.options().stream()
                .filter(o -> !shape.givenOptions().contains(o.longName()))
                .filter(o -> ("--" + o.longName()).startsWith(typed))
                .map(o -> new CompletionProposal("--" + o.longName()).description(o.description()).complete(o.isFlag()))
                .toList();
    }

    private List<CompletionProposal> values(ValueKind kind, List<String> choices, String typed, LineShape shape) {
        return switch (kind) {
            case IMAGE -> imageNames(typed);
            case IMAGE_VERSION -> imageVersions(typed, shape);
            case APPLICATION -> applicationNames(typed);
            case APPLICATION_VERSION -> applicationVersions(typed, shape);
            case CHOICE -> choices.stream().filter(c -> c.startsWith(typed)).map(CompletionProposal::new).toList();
            default -> List.of();
        };
    }

    /** Names starting with what was typed (a name existing as container and vm is offered once), then ids. */
    private List<CompletionProposal> imageNames(String typed) {
        Map<String, List<ImageCandidate>> byName = new LinkedHashMap<>();
        for (ImageCandidate candidate : imageQueries.namesStartingWith(typed, MAX_CANDIDATES)) {
            byName.computeIfAbsent(candidate.name(), n -> new ArrayList<>()).add(candidate);
        }
        List<CompletionProposal> proposals = new ArrayList<>();
        byName.forEach((name, variants) -> proposals.add(new CompletionProposal(name)
                .description(variants.stream().map(CatalogCompletionProvider::describe).collect(Collectors.joining("; ")))));
        int room = MAX_CANDIDATES - proposals.size();
        if (room > 0 && !typed.isEmpty() && Xid.looksLikeId(padToIdLength(typed))) {
            for (ImageCandidate candidate : imageQueries.idsStartingWith(typed, room)) {
                proposals.add(new CompletionProposal(candidate.id())
                        .description(candidate.name() + ", " + describe(candidate)));
            }
        }
        return proposals;
    }

    private List<CompletionProposal> imageVersions(String typed, LineShape shape) {
        Optional<String> imageRef = shape.firstPositionalOf(ValueKind.IMAGE);
        if (imageRef.isEmpty()) {
            return List.of();
        }
        Optional<ImageFacts> facts = images.inspect(imageRef.get(), shape.givenOptions().contains("vm"));
        if (facts.isEmpty()) {
            return List.of();
        }
        return facts.get().versions().stream()
                .map(v -> String.valueOf(v.version()))
                .filter(v -> v.startsWith(typed))
                .map(v -> {
                    CompletionProposal proposal = new CompletionProposal(v);
                    DeletionRules.versionMark(facts.get(), Integer.parseInt(v)).ifPresent(proposal::description);
                    return proposal;
                })
                .toList();
    }

    private List<CompletionProposal> applicationNames(String typed) {
        return applications.namesBetween(typed, typed + "\uffff", MAX_CANDIDATES).stream()
                .map(CompletionProposal::new).toList();
    }

    private List<CompletionProposal> applicationVersions(String typed, LineShape shape) {
        Optional<Application> application = shape.firstPositionalOf(ValueKind.APPLICATION)
                .flatMap(applications::findByName);
        return application.map(a -> a.sortedVersions().stream()
                .map(v -> String.valueOf(v.version()))
                .filter(v -> v.startsWith(typed))
                .map(CompletionProposal::new).toList()).orElse(List.of());
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

    /**
     * The words before the cursor, read by the command's spec: which positional values and
     * options are already there, and whether the last word is an option still waiting for its value.
     */
    record LineShape(CommandSpec spec, List<String> positionals, Set<String> givenOptions, OptionSpec pendingOption) {

        static LineShape of(CommandSpec spec, List<String> words) {
            List<String> positionals = new ArrayList<>();
            Set<String> given = new java.util.HashSet<>();
            OptionSpec pending = null;
            boolean optionsEnded = false;
            for (String word : words) {
                if (pending != null) {
                    pending = null;
                    continue;
                }
                if (!optionsEnded && word.equals("--")) {
                    optionsEnded = true;
                }
                else if (!optionsEnded && word.startsWith("--")) {
                    String name = word.contains("=") ? word.substring(2, word.indexOf('=')) : word.substring(2);
                    Optional<OptionSpec> option = spec.optionByLongName(name);
                    option.ifPresent(o -> given.add(o.longName()));
                    if (option.isPresent() && !option.get().isFlag() && !word.contains("=")) {
                        pending = option.get();
                    }
                }
                else if (!optionsEnded && word.startsWith("-") && word.length() > 1) {
                    for (char letter : word.substring(1).toCharArray()) {
                        Optional<OptionSpec> option = spec.optionByShortName(letter);
                        option.ifPresent(o -> given.add(o.longName()));
                        if (option.isPresent() && !option.get().isFlag() && word.length() == 2) {
                            pending = option.get();
                        }
                    }
                }
                else {
                    positionals.add(word);
                }
            }
            return new LineShape(spec, positionals, given, pending);
        }

        Optional<String> firstPositionalOf(ValueKind kind) {
            for (int i = 0; i < positionals.size() && i < spec.arguments().size(); i++) {
                if (spec.arguments().get(i).kind() == kind) {
                    return Optional.of(positionals.get(i));
                }
            }
            return Optional.empty();
        }
    }
}
