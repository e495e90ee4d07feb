package dev.amsh.image.rules;

import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.ImageFacts.Pin;
import dev.amsh.image.rules.ImageFacts.VersionFacts;
import dev.amsh.vocabulary.Texts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The deletion rules D1-D8, as one pure function of {@link DeletionFacts}.
 *
 * <p>Each rule is its own method named after it ({@code d2Immutable}, {@code d7InUse}, ...).
 * A refusal names every rule that blocks, in rule order, so the operator can clear them all
 * in one go instead of discovering them one attempt at a time.
 */
public final class DeletionRules {

    /** Appended to a remedy when {@code --force} was given but cannot clear that refusal (D8). */
    static final String FORCE_DOES_NOT_OVERRIDE = " (--force does not override this)";

    // Bounds that keep a refusal one readable line, however large the catalog.
    private static final int MAX_SUGGESTIONS = 5;
    private static final int MAX_LISTED_VERSIONS = 20;
    private static final int MAX_LISTED_CANDIDATES = 3;
    private static final int MAX_LISTED_APPLICATIONS = 10;
    // A completion mark is a short description beside a candidate: even tighter.
    private static final int MAX_MARKED_APPLICATIONS = 3;

    private DeletionRules() {
    }

    /** Decides one deletion: every refusal that blocks it, or what it removes. */
    public static DeletionDecision decide(DeletionFacts facts) {
        Optional<Refusal> unknown = d1Unknown(facts);
        if (unknown.isPresent()) {
            // Nothing else can be judged about an image or version that does not exist.
            return DeletionDecision.refused(List.of(unknown.get()));
        }
        ImageFacts image = facts.image().orElseThrow();
        DeletionRequest request = facts.request();

        List<Refusal> refusals = new ArrayList<>();
        d2Immutable(image, request).ifPresent(refusals::add);
        d3ImmutableVersion(image, request).ifPresent(refusals::add);
        d4LastVersion(image, request).ifPresent(refusals::add);
        d5Default(image, request).ifPresent(refusals::add);
        d7InUse(image, request).ifPresent(refusals::add);
        if (!refusals.isEmpty()) {
            return DeletionDecision.refused(d8ForceScope(request, refusals));
        }
        return DeletionDecision.allowed(removal(image, request));
    }

    /** The refusals a {@code --version} delete of {@code version} would meet, without {@code --force}. */
    public static List<Refusal> versionRefusals(ImageFacts image, int version) {
        DeletionRequest request = DeletionRequest.version(image.name(), version, false);
        return decide(DeletionFacts.of(request, image)).refusals();
    }

    /**
     * The short mark completion shows beside a {@code --version} candidate that a rule would
     * refuse, e.g. {@code immutable; only version} or {@code in use by app1, app2}; empty when
     * deleting that version would be allowed.
     */
    public static Optional<String> versionMark(ImageFacts image, int version) {
        List<String> marks = versionRefusals(image, version).stream()
                .map(refusal -> markFor(refusal.rule(), image, version))
                .toList();
        return marks.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", marks));
    }

    /**
     * The short mark of each rule that would refuse deleting the whole image without {@code --force},
     * in rule order: {@code immutable: needs force}, {@code default: switch first},
     * {@code in use by app1, app2}. Empty when the delete would be allowed.
     */
    public static Map<Rule, String> imageMarks(ImageFacts image) {
        DeletionRequest request = DeletionRequest.wholeImage(image.name(), false);
        Map<Rule, String> marks = new EnumMap<>(Rule.class);
        for (Refusal refusal : decide(DeletionFacts.of(request, image)).refusals()) {
            marks.put(refusal.rule(), switch (refusal.rule()) {
                case D2_IMMUTABLE -> "immutable: needs force";
                case D5_DEFAULT -> "default: switch first";
                case D7_IN_USE -> "in use by " + listed(new ArrayList<>(applicationsPinning(image.pins()).keySet()),
                        MAX_MARKED_APPLICATIONS);
                case D1_UNKNOWN, D3_IMMUTABLE_VERSION, D4_LAST_VERSION, D6_SOLE_DEFAULT, D8_FORCE_SCOPE ->
                        throw new IllegalStateException(refusal.rule().code() + " never refuses a whole image delete");
            });
        }
        return marks;
    }

    private static String markFor(Rule rule, ImageFacts image, int version) {
        return switch (rule) {
            case D1_UNKNOWN -> "no such version";
            case D3_IMMUTABLE_VERSION -> "immutable";
            case D4_LAST_VERSION -> "only version";
            case D7_IN_USE -> "in use by " + listed(new ArrayList<>(applicationsPinning(image, version).keySet()),
                    MAX_MARKED_APPLICATIONS);
            case D2_IMMUTABLE, D5_DEFAULT, D6_SOLE_DEFAULT, D8_FORCE_SCOPE ->
                    throw new IllegalStateException(rule.code() + " never refuses a version delete");
        };
    }

    /** D1: the reference names no image, or {@code --version} names a version the image does not have. */
    static Optional<Refusal> d1Unknown(DeletionFacts facts) {
        DeletionRequest request = facts.request();
        if (facts.image().isEmpty()) {
            String reason = "image '" + Texts.abbreviate(request.imageRef()) + "' not found";
            String remedy = facts.similarNames().isEmpty()
                    ? "see 'image list'"
                    : "did you mean: " + listed(facts.similarNames(), MAX_SUGGESTIONS) + "?";
            return Optional.of(new Refusal(Rule.D1_UNKNOWN, reason, remedy));
        }
        ImageFacts image = facts.image().get();
        if (request.version().isPresent() && findVersion(image, request.version().getAsInt()).isEmpty()) {
            List<String> versions = image.versions().stream().map(v -> String.valueOf(v.version())).toList();
            String reason = "image " + image.name() + " has no version " + request.version().getAsInt()
                    + " (versions: " + listed(versions, MAX_LISTED_VERSIONS) + ")";
            return Optional.of(new Refusal(Rule.D1_UNKNOWN, reason,
                    "see 'image show " + commandRef(image) + "'"));
        }
        return Optional.empty();
    }

    /** D2: an image synchronized from the image server is deleted whole only with {@code --force}. */
    static Optional<Refusal> d2Immutable(ImageFacts image, DeletionRequest request) {
        if (!image.immutable() || !request.wholeImageDelete() || request.force()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(Rule.D2_IMMUTABLE,
                image.name() + " is synchronized from the image server",
                "add --force to delete it anyway"));
    }

    /** D3: single versions of an immutable image are never deleted, whatever the flags. */
    static Optional<Refusal> d3ImmutableVersion(ImageFacts image, DeletionRequest request) {
        if (!image.immutable() || request.wholeImageDelete()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(Rule.D3_IMMUTABLE_VERSION,
                "versions of immutable images cannot be deleted",
                "the whole image can be deleted, with --force (image delete " + commandRef(image) + " --force)"));
    }

    /** D4: an image keeps at least one version; D1 has already ensured the named version exists. */
    static Optional<Refusal> d4LastVersion(ImageFacts image, DeletionRequest request) {
        if (request.wholeImageDelete() || image.versions().size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(Rule.D4_LAST_VERSION,
                "version " + request.version().getAsInt() + " is the only version of " + image.name()
                        + "; one version must remain",
                "delete the whole image instead (image delete " + commandRef(image) + ")"));
    }

    /** D5: a type's default image goes only once another image of that type has become the default. */
    static Optional<Refusal> d5Default(ImageFacts image, DeletionRequest request) {
        if (!request.wholeImageDelete() || !image.isDefault() || image.otherImagesOfType() == 0) {
            return Optional.empty();
        }
        String type = image.type().wireName();
        String vmFlag = image.type() == ImageType.VM ? " --vm" : "";
        List<String> candidates = image.defaultCandidates();
        String switchCommand = candidates.isEmpty()
                ? "image switch <image>" + vmFlag
                : "image switch " + candidates.get(0) + vmFlag
                        + " (candidates: " + candidatesListed(image) + ")";
        return Optional.of(new Refusal(Rule.D5_DEFAULT,
                image.name() + " is the default " + type + " image",
                "make another " + type + " image the default first: " + switchCommand));
    }

    /** {@code a, b, c and 7 more}, or {@code a, b, c and over 997 more} past what the service counts. */
    private static String candidatesListed(ImageFacts image) {
        List<String> candidates = image.defaultCandidates();
        if (image.otherImagesOfType() <= ImageFacts.COUNTED_UP_TO) {
            return listed(candidates, image.otherImagesOfType(), MAX_LISTED_CANDIDATES);
        }
        List<String> shown = candidates.subList(0, Math.min(MAX_LISTED_CANDIDATES, candidates.size()));
        return String.join(", ", shown) + " and over " + (ImageFacts.COUNTED_UP_TO - shown.size()) + " more";
    }

    /** D6: the default image that is the only one of its type may go; its type is then left without a default. */
    static boolean d6SoleDefault(ImageFacts image, DeletionRequest request) {
        return request.wholeImageDelete() && image.isDefault() && image.otherImagesOfType() == 0;
    }

    /** D7: an image referenced by any application version, or a version pinned by one, stays. */
    static Optional<Refusal> d7InUse(ImageFacts image, DeletionRequest request) {
        Map<String, TreeSet<Integer>> applications = request.wholeImageDelete()
                ? applicationsPinning(image.pins())
                : applicationsPinning(image, request.version().getAsInt());
        if (applications.isEmpty()) {
            return Optional.empty();
        }
        List<String> applicationsWithVersions = applications.entrySet().stream()
                .map(app -> app.getKey() + " (" + (app.getValue().size() == 1 ? "version " : "versions ")
                        + Texts.joinNumbers(app.getValue()) + ")")
                .toList();
        String reason = request.wholeImageDelete()
                ? image.name() + " is in use by " + listed(applicationsWithVersions, MAX_LISTED_APPLICATIONS)
                : "version " + request.version().getAsInt() + " of " + image.name() + " is pinned by "
                        + listed(applicationsWithVersions, MAX_LISTED_APPLICATIONS);
        List<String> deleteCommands = applications.keySet().stream()
                .map(name -> "application delete " + name)
                .toList();
        String remedy = (applications.size() == 1 ? "delete it first (" : "delete them first (")
                + listed(deleteCommands, MAX_LISTED_APPLICATIONS) + ")";
        return Optional.of(new Refusal(Rule.D7_IN_USE, reason, remedy));
    }

    /**
     * D8: {@code --force} overrides D2 only, which {@link #d2Immutable} already honours. Any
     * refusal left standing under {@code --force} says so, so the operator does not retry with it.
     */
    static List<Refusal> d8ForceScope(DeletionRequest request, List<Refusal> refusals) {
        if (!request.force()) {
            return refusals;
        }
        return refusals.stream()
                .map(r -> new Refusal(r.rule(), r.reason(), r.remedy() + FORCE_DOES_NOT_OVERRIDE))
                .toList();
    }

    private static Removal removal(ImageFacts image, DeletionRequest request) {
        List<VersionFacts> removed = request.wholeImageDelete()
                ? image.versions()
                : List.of(findVersion(image, request.version().getAsInt()).orElseThrow());
        return new Removal(image.id(), image.name(), image.type(), request.wholeImageDelete(), removed,
                d6SoleDefault(image, request));
    }

    private static Optional<VersionFacts> findVersion(ImageFacts image, int version) {
        return image.versions().stream().filter(v -> v.version() == version).findFirst();
    }

    private static Map<String, TreeSet<Integer>> applicationsPinning(ImageFacts image, int imageVersion) {
        return applicationsPinning(image.pins().stream().filter(pin -> pin.imageVersion() == imageVersion).toList());
    }

    /** Application name to its versions among {@code pins}, both sorted so messages are stable. */
    private static Map<String, TreeSet<Integer>> applicationsPinning(List<Pin> pins) {
        return pins.stream().collect(Collectors.groupingBy(Pin::application, TreeMap::new,
                Collectors.mapping(Pin::applicationVersion, Collectors.toCollection(TreeSet::new))));
    }

    /** How a command in a remedy names the image: a vm image needs --vm where a container namesake exists. */
    private static String commandRef(ImageFacts image) {
        return image.type() == ImageType.VM ? image.name() + " --vm" : image.name();
    }

    private static String listed(List<String> items, int max) {
        return listed(items, items.size(), max);
    }

    /** {@code a, b, c and 7 more}: at most {@code max} of {@code items}, out of {@code total} in all. */
    private static String listed(List<String> items, long total, int max) {
        List<String> shown = items.subList(0, Math.min(max, items.size()));
        long more = total - shown.size();
        return String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
    }
}
