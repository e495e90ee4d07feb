package dev.amsh.catalog;

import dev.amsh.catalog.CatalogModel.ModelApplication;
import dev.amsh.catalog.CatalogModel.ModelImage;
import dev.amsh.catalog.CatalogModel.Pin;
import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based test: seeded random command lines run through the real shell on the real catalog,
 * each checked against a small in-memory model of what the catalog should then hold, and
 * against the catalog invariants (by SQL) after every step. A refusal must come from the rules
 * the model names (the set of D1-D8 printed) and leave one audit event {@code refused}; a
 * failure (exit 3, e.g. a foreign key stopping a delete a rule should have refused) is never
 * taken for a refusal.
 *
 * <p>Replay a failure with {@code -Damsh.model.seed=<seed>} (a comma-separated list runs
 * several); {@code -Damsh.model.operations=<n>} changes the number of operations per seed.
 */
@ParameterizedClass
@EnumSource(CatalogBackend.class)
class CatalogModelTest {

    private static final long[] DEFAULT_SEEDS = LongStream.rangeClosed(1, 20).map(n -> n * 7919).toArray();
    private static final int DEFAULT_OPERATIONS = 60;
    /** A script's catalog is built by fewer operations: it is built three times. */
    private static final int SCRIPTED_AFTER_OPERATIONS = 20;
    private static final int SCRIPT_LINES = 16;

    private static final int DONE = 0;
    private static final int REFUSED = 1;
    private static final int USAGE = 2;
    private static final int FAILED = 3;

    /** A rule's line under a refusal: {@code   D7 in use: ...}. */
    private static final Pattern RULE_LINE = Pattern.compile("^  (D[1-8]) ", Pattern.MULTILINE);

    // Few names, so that adds collide, names exist in both types and deletes often hit something.
    private static final List<String> IMAGE_NAMES =
            List.of("jammy:android13:amd64", "noble", "focal.x86_64", "bionic-vm", "srv.jammy");
    private static final List<String> APPLICATION_NAMES = List.of("app1", "game.x", "web-3");

    private static List<Path> imageFiles;

    @Parameter
    CatalogBackend backend;

    ShellHarness shell;
    CatalogFixture catalog;

    @BeforeAll
    static void writeImageFiles() {
        imageFiles = List.of(CatalogFixture.imageFile(512), CatalogFixture.imageFile(1500),
                CatalogFixture.imageFile(4096));
    }

    @BeforeEach
    void emptyCatalog() {
        shell = backend.bean(ShellHarness.class);
        catalog = backend.bean(CatalogFixture.class);
        catalog.reset();
    }

    static LongStream seeds() {
        String chosen = System.getProperty("amsh.model.seed", "").strip();
        if (chosen.isEmpty()) {
            return Arrays.stream(DEFAULT_SEEDS);
        }
        return Arrays.stream(chosen.split(",")).mapToLong(seed -> Long.parseLong(seed.strip()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomCommandsKeepTheCatalogAsModelledAndItsInvariants(long seed) {
        new Run(seed, Integer.getInteger("amsh.model.operations", DEFAULT_OPERATIONS)).execute();
    }

    /**
     * The same seeds replayed as a script, both ways, each on a catalog the seed's operations built: its lines
     * run alone (a script run line by line), then decided together (a dry run, and an atomic run, which plan
     * their consecutive deletes). Every line must print and exit as it does alone, whose catalog the model
     * predicts; when every line is done, the atomic run must leave the same catalog and the same audit events
     * as the lines alone, and when one is not, nothing.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aScriptRunDecidesEveryLineAsTheLineAloneDoes(long seed, @TempDir Path scripts) throws IOException {
        Path file = scripts.resolve("lines.amsh");
        Scripted alone = scripted(seed, file, "--continue-on-error");
        Scripted dry = scripted(seed, file, "--dry-run --continue-on-error");
        Scripted atomic = scripted(seed, file, "--atomic --continue-on-error");
        String replay = "seed " + seed + " (replay with -Damsh.model.seed=" + seed + ")\nscript:\n" + alone.script();
        assertThat(List.of(dry.script(), atomic.script())).as("the same lines both ways, %s", replay)
                .containsOnly(alone.script());
        assertThat(alone.after()).as("lines run alone, against the model, %s", replay).isEqualTo(alone.predicted());
        // A dry run says what would be: its own words, not another decision.
        assertThat(dry.out().replace("would remove ", "removed ").replace("there would be no default ",
                "there is now no default ")).as("dry run's output, %s", replay)
                .isEqualTo(alone.out());
        assertThat(dry.err()).as("dry run's errors, %s", replay).isEqualTo(alone.err());
        assertThat(dry.after()).as("catalog after the dry run, %s", replay).isEqualTo(dry.before());
        assertThat(atomic.out()).as("atomic run's output, %s", replay).isEqualTo(alone.out());
        assertThat(atomic.err()).as("atomic run's errors, %s", replay).isEqualTo(alone.err());
        assertThat(atomic.exitCode()).as("atomic run's exit code, %s", replay).isEqualTo(alone.exitCode());
        if (alone.everyLineDone()) {
            assertThat(atomic.after()).as("catalog after the atomic run, %s", replay).isEqualTo(alone.after());
            assertThat(atomic.events()).as("audit events of the atomic run, %s", replay).isEqualTo(alone.events());
        }
        else {
            assertThat(atomic.after()).as("catalog after a rolled-back atomic run, %s", replay)
                    .isEqualTo(atomic.before());
            assertThat(atomic.events()).as("audit events of a rolled-back atomic run, %s", replay).hasSize(1)
                    .allMatch(event -> event.contains("atomic run of " + file + ": nothing applied"));
        }
    }

    /** What a script run printed and left, every image id written as the image's name and type. */
    private record Scripted(String script, boolean everyLineDone, int exitCode, String out, String err,
            String before, String after, String predicted, List<String> events) {
    }

    /** A catalog built by the seed's operations, then a script of lines from its model, run with {@code options}. */
    private Scripted scripted(long seed, Path file, String options) throws IOException {
        catalog.reset();
        Run run = new Run(seed, SCRIPTED_AFTER_OPERATIONS);
        run.execute();
        Map<String, String> names = new LinkedHashMap<>();
        catalog.jdbc().query("SELECT ID, NAME, TYPE FROM IMAGE", rs -> {
            names.put(rs.getString(1), "<" + rs.getString(2) + " " + rs.getString(3) + ">");
        });
        String before = sorted(named(CatalogModel.describe(catalog.jdbc()), names));
        List<Step> steps = run.scriptSteps(SCRIPT_LINES);
        String script = steps.stream().map(Step::line).collect(Collectors.joining("\n"));
        Files.writeString(file, script + "\n");
        long lastEventBefore = run.lastAuditEventId();
        ShellHarness.Result result = shell.run("script " + file + " " + options);
        List<String> events = catalog.jdbc().query("""
                SELECT ORIGIN, COMMAND_TEXT, OUTCOME, DETAIL FROM AUDIT_EVENT WHERE ID > ? ORDER BY ID""",
                (rs, n) -> named(String.join(" | ", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)), names), lastEventBefore);
        // The last line is the run's summary, with its time and rate.
        List<String> out = result.out().lines().toList();
        return new Scripted(named(script, names), steps.stream().allMatch(step -> step.expectedExit() == DONE),
                result.exitCode(), named(String.join("\n", out.subList(0, out.size() - 1)), names),
                named(result.err(), names), before, sorted(named(CatalogModel.describe(catalog.jdbc()), names)),
                sorted(named(run.model.describe(), names)), events);
    }

    /** The text with each image id replaced by the image's name and type: ids differ between two catalogs. */
    private static String named(String text, Map<String, String> names) {
        String named = text;
        for (Map.Entry<String, String> image : names.entrySet()) {
            named = named.replace(image.getKey(), image.getValue());
        }
        return named;
    }

    private static String sorted(String lines) {
        return lines.lines().sorted().collect(Collectors.joining("\n"));
    }

    /**
     * One command line, the exit code the model expects, the deletion rules it expects a refusal
     * to name (none for a refusal that is not a deletion rule's), and what it changes in the model
     * when it is done.
     */
    private record Step(String line, int expectedExit, Set<String> rules, boolean forced, Runnable change) {

        static Step done(String line, boolean forced, Runnable change) {
            return new Step(line, DONE, Set.of(), forced, change);
        }

        /** Refused by the catalog's state (a name taken, no such application) or a declined confirmation. */
        static Step refused(String line) {
            return refusedBy(line, Set.of());
        }

        static Step refusedBy(String line, Set<String> rules) {
            return new Step(line, REFUSED, rules, false, () -> { });
        }

        static Step usage(String line) {
            return new Step(line, USAGE, Set.of(), false, () -> { });
        }
    }

    /** How an operator names an image: by name or id, with or without {@code --vm}. */
    private record ImageRef(String text, boolean vm) {

        String words() {
            return vm ? text + " --vm" : text;
        }
    }

    /** One seed's run: generates each step from the model, runs it, and checks the outcome. */
    private final class Run {
        final long seed;
        final int operations;
        final Random random;
        final CatalogModel model = new CatalogModel();
        final CatalogInvariants invariants = new CatalogInvariants(catalog.jdbc());
        final List<String> history = new ArrayList<>();

        Run(long seed, int operations) {
            this.seed = seed;
            this.operations = operations;
            this.random = new Random(seed);
        }

        void execute() {
            // Synchronized from the image server: the defaults of both types at the start.
            immutable("srv.jammy", ImageType.CONTAINER, true, 3);
            immutable("srv.jammy", ImageType.VM, true, 2);
            immutable("srv.noble", ImageType.CONTAINER, false, 2);
            for (int step = 1; step <= operations; step++) {
                Step next = nextStep();
                try {
                    perform(next, step);
                }
                catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("seed " + seed + " failed at step " + step + " of " + operations
                            + " (replay with -Damsh.model.seed=" + seed + ")\n" + e.getMessage()
                            + "\nhistory:\n  " + String.join("\n  ", history), e);
                }
            }
        }

        /**
         * Lines for a script, from the model as the operations left it: deletes of images and versions mostly,
         * with updates and default switches between them. Every done line's change is made to the model as it
         * is generated, so the model ends as the lines should leave the catalog. Every other seed keeps a few
         * lines that are not done; the others keep only lines that are.
         */
        List<Step> scriptSteps(int count) {
            boolean keepsSomeNotDone = seed % 2 == 0;
            List<Step> steps = new ArrayList<>();
            for (int tries = 0; steps.size() < count && tries < count * 20; tries++) {
                int dice = random.nextInt(10);
                Step step = dice < 4 ? deleteImage() : dice < 8 ? deleteVersion() : dice < 9 ? updateImage()
                        : switchDefault();
                if (step.expectedExit() == DONE) {
                    step.change().run();
                }
                else if (!keepsSomeNotDone || random.nextInt(4) != 0) {
                    continue;
                }
                steps.add(step);
            }
            return steps;
        }

        private void immutable(String name, ImageType type, boolean isDefault, int versions) {
            String id = invariants.insertImmutable(name, type, isDefault, versions);
            ModelImage image = new ModelImage(id, name, type, true, versions);
            image.isDefault = isDefault;
            model.images.put(id, image);
        }

        private void perform(Step step, int number) {
            Set<String> removedImmutablesBefore = invariants.removedImmutables();
            String before = catalog.snapshot();
            long lastEventBefore = lastAuditEventId();
            ShellHarness.Result result = shell.run(step.line());
            history.add(number + ": " + step.line() + "  -> " + result.exitCode()
                    + result.err().lines().findFirst().map(err -> "  " + err).orElse(""));

            if (result.exitCode() == FAILED && step.expectedExit() != FAILED) {
                throw new AssertionError("'" + step.line() + "' failed (exit 3) where the model expects exit "
                        + step.expectedExit() + (step.rules().isEmpty() ? "" : " refused by " + step.rules())
                        + "; a database error is no refusal: " + result.err());
            }
            assertThat(result.exitCode()).as("exit code of '%s' (out: %s, err: %s)", step.line(), result.out(),
                    result.err()).isEqualTo(step.expectedExit());
            assertThat(rulesNamed(result.err())).as("rules named by '%s' (err: %s)", step.line(), result.err())
                    .isEqualTo(step.rules());
            List<String> newEvents = catalog.jdbc().queryForList(
                    "SELECT OUTCOME FROM AUDIT_EVENT WHERE ID > ? ORDER BY ID", String.class, lastEventBefore);
            if (result.exitCode() == USAGE) {
                assertThat(newEvents).as("audit events of a line that was not understood").isEmpty();
            }
            else {
                assertThat(newEvents).as("audit events of '%s'", step.line())
                        .containsExactly(result.exitCode() == DONE ? "done" : "refused");
            }
            if (result.exitCode() != DONE) {
                assertThat(catalog.snapshot()).as("catalog after a command that was not done").isEqualTo(before);
            }
            else {
                step.change().run();
            }
            assertThat(CatalogModel.describe(catalog.jdbc())).as("catalog compared with the model")
                    .isEqualTo(model.describe());
            assertThat(model.danglingPins()).as("pins of the model").isEmpty();
            invariants.assertHold();
            Set<String> removedNow = invariants.removedImmutables();
            removedNow.removeAll(removedImmutablesBefore);
            if (!removedNow.isEmpty()) {
                assertThat(step.forced()).as("immutable images %s removed without --force", removedNow).isTrue();
            }
        }

        private Step nextStep() {
            int dice = random.nextInt(100);
            if (dice < 16) {
                return addImage();
            }
            if (dice < 32) {
                return updateImage();
            }
            if (dice < 40) {
                return switchDefault();
            }
            if (dice < 56) {
                return deleteImage();
            }
            if (dice < 72) {
                return deleteVersion();
            }
            if (dice < 82) {
                return createApplication();
            }
            if (dice < 92) {
                return updateApplication();
            }
            return deleteApplication();
        }

        private Step addImage() {
            String name = pick(IMAGE_NAMES);
            ImageType type = random.nextInt(3) == 0 ? ImageType.VM : ImageType.CONTAINER;
            boolean makeDefault = random.nextInt(4) == 0;
            String line = "image add " + name + " " + pick(imageFiles) + (type == ImageType.VM ? " --type vm" : "")
                    + (makeDefault ? " --default" : "");
            if (model.byName(name, type).isPresent()) {
                return Step.refused(line);
            }
            return Step.done(line, false, () -> {
                boolean firstOfType = model.ofType(type).isEmpty();
                ModelImage image = new ModelImage(idOf(name, type), name, type, false, 1);
                model.images.put(image.id, image);
                if (firstOfType || makeDefault) {
                    model.makeDefault(image);
                }
            });
        }

        private Step updateImage() {
            // The immutable images outlive most others: aim at mutable ones too, or most updates would be refused.
            ImageRef ref = random.nextBoolean() ? imageRef(image -> !image.immutable) : imageRef();
            boolean makeDefault = random.nextInt(5) == 0;
            String line = "image update " + ref.words() + " " + pick(imageFiles) + (makeDefault ? " --default" : "");
            Optional<ModelImage> target = model.resolve(ref.text(), ref.vm());
            if (target.isEmpty() || target.get().immutable) {
                return Step.refused(line);
            }
            ModelImage image = target.get();
            return Step.done(line, false, () -> {
                image.versions.add(image.nextVersion++);
                if (makeDefault) {
                    model.makeDefault(image);
                }
            });
        }

        private Step switchDefault() {
            ImageRef ref = imageRef();
            String line = "image switch " + ref.words();
            Optional<ModelImage> target = model.resolve(ref.text(), ref.vm());
            if (target.isEmpty()) {
                return Step.refused(line);
            }
            return Step.done(line, false, () -> model.makeDefault(target.get()));
        }

        private Step deleteImage() {
            ImageRef ref = imageRef();
            boolean force = random.nextInt(3) == 0;
            boolean yes = random.nextInt(10) != 0;
            String line = "image delete " + ref.words() + (force ? pick(List.of(" --force", " -f")) : "")
                    + (yes ? pick(List.of(" --yes", " -y")) : "");
            Optional<ModelImage> target = model.resolve(ref.text(), ref.vm());
            if (target.isEmpty()) {
                return Step.refusedBy(line, Set.of("D1"));
            }
            Set<String> rules = model.refusingWholeDelete(target.get(), force);
            if (!rules.isEmpty()) {
                return Step.refusedBy(line, rules);
            }
            // Without --yes and without a terminal nothing is removed, though no rule objects.
            if (!yes) {
                return Step.refused(line);
            }
            return Step.done(line, force, () -> model.images.remove(target.get().id));
        }

        private Step deleteVersion() {
            // Most images have one version; aim at those with more, or the rules would refuse nearly every try.
            ImageRef ref = random.nextBoolean() ? imageRef(image -> !image.immutable && image.versions.size() > 1)
                    : imageRef();
            Optional<ModelImage> target = model.resolve(ref.text(), ref.vm());
            boolean force = random.nextInt(4) == 0;
            String flags = (force ? " --force" : "") + " --yes";
            int kind = random.nextInt(100);
            if (kind < 10) {
                int negative = -1 - random.nextInt(5);
                String option = random.nextBoolean() ? " --version " + negative : " --version=" + negative;
                return Step.usage("image delete " + ref.words() + option + flags);
            }
            int version = target.filter(image -> kind < 70)
                    .map(image -> pick(new ArrayList<>(image.versions)))
                    .orElseGet(() -> random.nextInt(target.map(image -> image.nextVersion + 1).orElse(4)));
            String line = "image delete " + ref.words() + pick(List.of(" --version ", " -v ", " --version="))
                    + version + flags;
            Set<String> rules = target.map(image -> model.refusingVersionDelete(image, version))
                    .orElse(Set.of("D1"));
            if (!rules.isEmpty()) {
                return Step.refusedBy(line, rules);
            }
            return Step.done(line, force, () -> target.get().versions.remove(version));
        }

        private Step createApplication() {
            String name = pick(APPLICATION_NAMES);
            Optional<ImageRef> ref = random.nextBoolean() ? Optional.of(imageRef()) : Optional.empty();
            boolean vm = ref.map(ImageRef::vm).orElseGet(() -> random.nextInt(4) == 0);
            String line = "application create " + name + ref.map(r -> " --image " + r.text()).orElse("")
                    + (vm ? " --vm" : "");
            Optional<ModelImage> target = ref.isPresent() ? model.resolve(ref.get().text(), vm)
                    : model.defaultOf(vm ? ImageType.VM : ImageType.CONTAINER);
            if (model.applications.containsKey(name) || target.isEmpty()) {
                return Step.refused(line);
            }
            ModelImage image = target.get();
            return Step.done(line, false, () -> model.applications.put(name,
                    new ModelApplication(new Pin(image.id, image.versions.last()))));
        }

        private Step updateApplication() {
            String name = model.applications.isEmpty() || random.nextBoolean() ? pick(APPLICATION_NAMES)
                    : pick(new ArrayList<>(model.applications.keySet()));
            // application update has no --vm: a name selects the container variant, else the vm one.
            Optional<String> ref = random.nextInt(5) < 2 ? Optional.of(imageRef().text()) : Optional.empty();
            String line = "application update " + name + ref.map(r -> " --image " + r).orElse("");
            ModelApplication application = model.applications.get(name);
            if (application == null) {
                return Step.refused(line);
            }
            Optional<ModelImage> target = ref.isPresent() ? model.resolve(ref.get(), false)
                    : Optional.ofNullable(model.images.get(application.versions.lastEntry().getValue().imageId()));
            if (target.isEmpty()) {
                return Step.refused(line);
            }
            ModelImage image = target.get();
            return Step.done(line, false, () -> application.versions.put(application.nextVersion++,
                    new Pin(image.id, image.versions.last())));
        }

        private Step deleteApplication() {
            List<String> withSeveralVersions = model.applications.entrySet().stream()
                    .filter(a -> a.getValue().versions.size() > 1).map(Map.Entry::getKey).toList();
            String name = withSeveralVersions.isEmpty() || random.nextBoolean() ? pick(APPLICATION_NAMES)
                    : pick(withSeveralVersions);
            ModelApplication application = model.applications.get(name);
            boolean yes = random.nextInt(10) != 0;
            Optional<Integer> version = Optional.empty();
            if (random.nextInt(5) < 2) {
                version = Optional.of(application != null && random.nextInt(10) < 7
                        ? pick(new ArrayList<>(application.versions.keySet()))
                        : random.nextInt(application == null ? 3 : application.nextVersion + 1));
            }
            String line = "application delete " + name + version.map(v -> " --version " + v).orElse("")
                    + (yes ? " --yes" : "");
            if (application == null || !yes) {
                return Step.refused(line);
            }
            if (version.isEmpty()) {
                return Step.done(line, false, () -> model.applications.remove(name));
            }
            int number = version.get();
            if (!application.versions.containsKey(number) || application.versions.size() == 1) {
                return Step.refused(line);
            }
            return Step.done(line, false, () -> application.versions.remove(number));
        }

        /** Mostly an image that exists (by name or by id), sometimes a name that does not. */
        private ImageRef imageRef() {
            return imageRef(image -> true);
        }

        /** As {@link #imageRef()}, choosing among the images that match {@code preferred} where there are any. */
        private ImageRef imageRef(Predicate<ModelImage> preferred) {
            List<ModelImage> existing = model.images.values().stream().filter(preferred).toList();
            if (existing.isEmpty()) {
                existing = new ArrayList<>(model.images.values());
            }
            if (existing.isEmpty() || random.nextInt(6) == 0) {
                String name = random.nextBoolean() ? pick(IMAGE_NAMES) : "missing-" + random.nextInt(10);
                return new ImageRef(name, random.nextInt(4) == 0);
            }
            ModelImage image = pick(existing);
            String text = random.nextInt(4) == 0 ? image.id : image.name;
            boolean vm = image.type == ImageType.VM ? random.nextInt(10) < 7 : random.nextInt(10) == 0;
            return new ImageRef(text, vm);
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        private Set<String> rulesNamed(String err) {
            return RULE_LINE.matcher(err).results().map(match -> match.group(1))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        private long lastAuditEventId() {
            Long id = catalog.jdbc().queryForObject("SELECT MAX(ID) FROM AUDIT_EVENT", Long.class);
            return id == null ? 0 : id;
        }

        /** The generated id of an image just added: the model cannot know it beforehand. */
        private String idOf(String name, ImageType type) {
            return catalog.jdbc().queryForObject("SELECT ID FROM IMAGE WHERE NAME = ? AND TYPE = ?", String.class,
                    name, type.wireName());
        }
    }
}
