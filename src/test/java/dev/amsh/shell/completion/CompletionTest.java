package dev.amsh.shell.completion;

import dev.amsh.application.ApplicationNameCompleter;
import dev.amsh.application.ApplicationVersionCompleter;
import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Completions;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueCompleter;
import dev.amsh.command.ValueKind;
import dev.amsh.image.ImageNameCompleter;
import dev.amsh.image.ImageVersionCompleter;
import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** Tab in the REPL: what {@link ShellCompleter} proposes for a line typed up to the cursor. */
@TestCatalog
class CompletionTest {

    private static final String AMD64 = "jammy:android13:amd64";
    private static final String ARM64 = "jammy:android13:arm64";
    private static final String NOUGAT = "io.anbox-cloud:nougat:amd64";

    @Autowired
    ShellCompleter completer;

    @Autowired
    ShellHarness shell;

    @Autowired
    CommandRegistry registry;

    @Autowired
    CatalogFixture catalog;

    /** Only the file-name completer reads the reader (its options); a mock answers false to all. */
    private final LineReader reader = mock(LineReader.class);

    @BeforeEach
    void catalogOfImagesAndApplications() {
        catalog.reset();
        CatalogBuilder build = new CatalogBuilder(shell, catalog);
        build.image(AMD64, 1024);
        build.application("app1", AMD64);
        for (int version = 1; version <= 3; version++) {
            assertThat(shell.run("image update " + AMD64 + " " + CatalogFixture.imageFile(8)).exitCode()).isZero();
        }
        build.application("app2", AMD64);
        build.image(ARM64, 1024);
        build.image("focal", 1024);
        build.vmImage("focal", 1024, 1024, 1024, 1024);
        build.immutableImage(NOUGAT, false, 1024, 1024);
        build.application("beta", ARM64);
    }

    @Test
    void completesTheFirstCommandWord() {
        assertThat(values("im")).containsExactly("image");
        assertThat(values("")).contains("image", "application", "audit", "help", "exit", "quit");
        assertThat(candidates("au")).allMatch(Candidate::complete);
    }

    @Test
    void completesTheSubcommandAlsoPartlyTypedAndAfterTheAmcPrefix() {
        assertThat(values("image de")).containsExactly("delete");
        assertThat(values("amc image de")).containsExactly("delete");
        assertThat(values("image ")).contains("add", "delete", "list", "show", "switch", "update")
                .doesNotContain("create");
        assertThat(values("application ")).contains("create", "delete", "list", "show", "update");
    }

    @Test
    void completesAliasesWhereNoNameFitsAndTheirOptionsAndValues() {
        assertThat(values("ap")).containsExactly("application");
        assertThat(values("app ")).containsExactly("create", "delete", "list", "ls", "show", "update");
        assertThat(values("image l")).containsExactly("list");
        assertThat(values("image ls --")).containsExactly("--format", "--name");
        assertThat(values("app delete a")).containsExactly("app1", "app2");
    }

    @Test
    void completesImageNamesWithColonsWholeAndDescribesThem() {
        List<Candidate> candidates = candidates("image delete jam");

        assertThat(candidates).extracting(Candidate::value).containsExactly(AMD64, ARM64);
        assertThat(candidates).allMatch(Candidate::complete);
        assertThat(describedBy(candidates)).containsEntry(AMD64, "container, default")
                .containsEntry(ARM64, "container");
        assertThat(values("image delete jammy:android13:am")).containsExactly(AMD64);
        assertThat(values("image show io.anbox-cloud:")).containsExactly(NOUGAT);
        assertThat(describedBy(candidates("image show io"))).containsEntry(NOUGAT, "container, immutable");
    }

    @Test
    void aNameOfBothTypesIsOfferedOnceDescribingBoth() {
        List<Candidate> candidates = candidates("image show foc");

        assertThat(candidates).extracting(Candidate::value).containsExactly("focal");
        assertThat(candidates.get(0).descr()).isEqualTo("container; vm, default");
    }

    @Test
    void completesIdsByPrefix() {
        String id = catalog.jdbc().queryForObject("SELECT ID FROM IMAGE WHERE NAME = ?", String.class, ARM64);

        String prefix = id.substring(0, 8);

        List<Candidate> candidates = candidates("image delete " + prefix);

        assertThat(candidates).extracting(Candidate::value).contains(id).allMatch(value -> value.startsWith(prefix));
        assertThat(describedBy(candidates)).containsEntry(id, ARM64 + ", container");
        assertThat(values("image show " + id)).containsExactly(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version ", "-v ", "--force --version ", "--version 1"})
    void completesTheVersionsOfTheImageOnTheLineMarkingThoseARuleWouldRefuse(String options) {
        List<Candidate> candidates = candidates("image delete " + AMD64 + " " + options);

        String typed = options.substring(options.lastIndexOf(' ') + 1);
        Map<String, String> all = Map.of("0", "in use by app1", "1", "", "2", "", "3", "in use by app2");
        assertThat(describedBy(candidates)).isEqualTo(all.entrySet().stream()
                .filter(version -> version.getKey().startsWith(typed))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void completesVersionsAfterTheImageWhereverTheOptionStands() {
        assertThat(describedBy(candidates("image delete " + ARM64 + " --version="))).containsExactly(
                Map.entry("--version=0", "only version; in use by beta"));
        assertThat(describedBy(candidates("image delete -v "))).isEmpty();
    }

    @Test
    void marksTheOnlyVersionAndTheVersionsOfImmutableImages() {
        assertThat(describedBy(candidates("image delete focal --version "))).containsExactly(
                Map.entry("0", "only version"));
        assertThat(describedBy(candidates("image delete " + NOUGAT + " --version ")))
                .containsOnly(Map.entry("0", "immutable"), Map.entry("1", "immutable"));
    }

    @Test
    void completesTheVersionsOfTheVmVariantWithVm() {
        assertThat(values("image delete focal --vm --version ")).containsExactly("0", "1", "2", "3");
        assertThat(values("image delete --vm focal -v ")).containsExactly("0", "1", "2", "3");
    }

    @Test
    void completesEnumValues() {
        assertThat(values("image list --format ")).containsExactly("table", "json", "yaml", "csv");
        assertThat(values("image list --format j")).containsExactly("json");
        assertThat(values("image show focal --format ")).containsExactly("yaml", "json");
        assertThat(values("image add foo /tmp/x --type ")).containsExactly("container", "vm");
        assertThat(values("image add foo /tmp/x --arch ")).containsExactly("x86_64", "aarch64");
        assertThat(values("image list --format=c")).containsExactly("--format=csv");
    }

    @Test
    void completesApplicationNames() {
        assertThat(values("application delete a")).containsExactly("app1", "app2");
        assertThat(values("application show ")).containsExactly("app1", "app2", "beta");
        assertThat(values("application delete app2 --version ")).containsExactly("0");
        assertThat(values("application create new --image jammy:android13:ar")).containsExactly(ARM64);
    }

    @Test
    void completesTheFlagsOfTheCommandBeingTypedOnly() {
        assertThat(values("image delete --")).containsExactly("--version", "--force", "--vm", "--yes", "--timeout");
        assertThat(values("image delete " + AMD64 + " --force --")).containsExactly("--version", "--vm", "--yes", "--timeout");
        assertThat(values("image delete " + AMD64 + " -f -")).containsExactly("--version", "--vm", "--yes", "--timeout");
        assertThat(values("image list --")).containsExactly("--format", "--name");
        assertThat(values("image delete " + AMD64 + " ")).containsExactly("--version", "--force", "--vm", "--yes", "--timeout");
    }

    @Test
    void anOptionNameIsFollowedByASpaceSoItsValueIsAWordOfItsOwn() {
        assertThat(candidates("image delete " + AMD64 + " --ver")).singleElement()
                .satisfies(option -> assertThat(option.value()).isEqualTo("--version"))
                .satisfies(option -> assertThat(option.complete()).as("a space follows").isTrue());
        assertThat(candidates("image delete " + AMD64 + " --fo")).singleElement()
                .satisfies(flag -> assertThat(flag.complete()).isTrue());
    }

    @Test
    void completesNothingWhereNothingFits() {
        assertThat(values("image delete nosuch")).isEmpty();
        assertThat(values("image delete nosuch --version ")).isEmpty();
        assertThat(values("frobnicate ")).isEmpty();
        assertThat(values("image delete \"jam")).containsExactly(AMD64, ARM64);
    }

    @Test
    void completesTheImageFileOfImageAdd(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("android13.tar.xz"), "image");

        assertThat(values("image add foo " + directory + "/andr"))
                .containsExactly(directory + "/android13.tar.xz");
    }

    @Test
    void completesAnArgumentAfterAnOptionWithItsValue(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("android13.tar.xz"), "image");

        assertThat(values("image add foo --type vm " + directory + "/andr"))
                .containsExactly(directory + "/android13.tar.xz");
        assertThat(values("image add --arch aarch64 foo --type=vm " + directory + "/andr"))
                .containsExactly(directory + "/android13.tar.xz");
        assertThat(values("image delete --vm -v 1 foc")).containsExactly("focal");
    }

    /**
     * Every option that takes a value, of every command, placed after and before the positional
     * words, and every positional argument with every such option given before it: the word at the
     * cursor is completed as what the parser would read it as.
     */
    @TestFactory
    Stream<DynamicTest> completesEveryValuePositionOfEveryCommand(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("android13.tar.xz"), "image");
        List<DynamicTest> tests = new ArrayList<>();
        for (Command command : registry.getCommands()) {
            if (!(command instanceof AmshCommand amsh)) {
                continue;
            }
            CommandSpec spec = amsh.spec();
            List<String> arguments = spec.arguments().stream().map(a -> sample(a.kind(), a.completer(), null).onLine())
                    .toList();
            String givenArguments = arguments.isEmpty() ? "" : " " + String.join(" ", arguments);
            String valueOptions = spec.options().stream().filter(o -> !o.isFlag())
                    .map(o -> "--" + o.longName() + " " + sample(o.kind(), o.completer(), o.choices()).onLine())
                    .collect(Collectors.joining(" "));
            for (OptionSpec option : spec.options()) {
                if (option.isFlag()) {
                    continue;
                }
                Sample sample = sample(option.kind(), option.completer(), option.choices());
                String after = spec.name() + givenArguments + " --" + option.longName() + " " + sample.typed();
                tests.add(DynamicTest.dynamicTest(after, () -> assertThat(values(after)).isEqualTo(sample.expected())));
                if (option.completer() != ImageVersionCompleter.class && option.completer() != ApplicationVersionCompleter.class) {
                    // Versions are of the image or application on the line: before it there are none to offer.
                    String before = spec.name() + " --" + option.longName() + " " + sample.typed();
                    tests.add(DynamicTest.dynamicTest(before, () -> assertThat(values(before)).isEqualTo(sample.expected())));
                }
            }
            for (int i = 0; i < spec.arguments().size(); i++) {
                ArgumentSpec argument = spec.arguments().get(i);
                Sample sample = argument.kind() == ValueKind.FILE ? fileSample(directory)
                        : sample(argument.kind(), argument.completer(), null);
                String line = spec.name() + (valueOptions.isEmpty() ? "" : " " + valueOptions)
                        + String.join("", arguments.subList(0, i).stream().map(a -> " " + a).toList())
                        + " " + sample.typed();
                tests.add(DynamicTest.dynamicTest(line, () -> assertThat(values(line)).isEqualTo(sample.expected())));
            }
        }
        assertThat(tests).hasSizeGreaterThan(30);
        return tests.stream();
    }

    /** A value for a kind of argument or option: as it stands on a line, and what Tab offers for a typed start. */
    private record Sample(String onLine, String typed, List<String> expected) {
    }

    private static Sample sample(ValueKind kind, Class<?> completer, List<String> choices) {
        if (completer == ImageNameCompleter.class) {
            return new Sample(AMD64, "jammy:android13:a", List.of(AMD64, ARM64));
        }
        if (completer == ImageVersionCompleter.class) {
            return new Sample("1", "", List.of("0", "1", "2", "3"));
        }
        if (completer == ApplicationNameCompleter.class) {
            return new Sample("app2", "app", List.of("app1", "app2"));
        }
        if (completer == ApplicationVersionCompleter.class) {
            return new Sample("0", "", List.of("0"));
        }
        if (kind == ValueKind.CHOICE) {
            return new Sample(choices.get(0), "", choices);
        }
        if (kind == ValueKind.COMMAND) {
            return new Sample("image", "zz", List.of());
        }
        // Free text, numbers and new names are not looked up: nothing to offer, and never option names.
        return new Sample(kind == ValueKind.NUMBER ? "1" : "new-name", "zz", List.of());
    }

    private static Sample fileSample(Path directory) {
        return new Sample(directory + "/android13.tar.xz", directory + "/andr", List.of(directory + "/android13.tar.xz"));
    }

    private List<String> values(String line) {
        return candidates(line).stream().map(Candidate::value).toList();
    }

    @Test
    void aPrefixThatCouldStartAnIdStillCompletesWhenNamesFillTheCandidates() {
        // 'ca' could begin an id too; with 50 names matching, there is no room left for ids.
        for (int i = 0; i < ValueCompleter.MAX_CANDIDATES + 5; i++) {
            catalog.jdbc().update("INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, IMMUTABLE, CREATED_AT,"
                    + " NEXT_VERSION) VALUES (?, ?, 'container', 'x86_64', 'available', FALSE, CURRENT_TIMESTAMP, 1)",
                    String.format("c%019d", i), String.format("ca%03d", i));
        }

        List<Candidate> candidates = candidates("image delete ca");

        assertThat(candidates).hasSize(ValueCompleter.MAX_CANDIDATES)
                .allSatisfy(candidate -> assertThat(candidate.value()).startsWith("ca"));
    }

    @Test
    void saysHowManyCandidatesWereLeftOutAndInsertsNoCommonStartOfThoseShown() {
        insertImagesNamed("ca%03d", ValueCompleter.MAX_CANDIDATES + 5);

        List<Candidate> all = allCandidates("image delete ca");

        assertThat(all.stream().filter(ShellCompleter::isHint)).singleElement().satisfies(hint -> {
            assertThat(hint.displ()).isEqualTo("... 5 more; type more letters");
            // Valued as the word typed: JLine lists it and the common start of the candidates is that word.
            assertThat(hint.value()).isEqualTo("ca");
            assertThat(hint.complete()).isFalse();
        });
        assertThat(hints("image delete ca04")).isEmpty();
        assertThat(hints("image delete " + AMD64.substring(0, 3))).isEmpty();
    }

    @Test
    void aCountBeyondTheBoundSaysMoreThanIt() {
        insertImagesNamed("m%05d", Completions.COUNTED_UP_TO + 1);

        assertThat(hints("image show m")).containsExactly("... more than 1,000 match; type more letters");
        assertThat(hints("image show m00")).containsExactly("... 950 more; type more letters");
    }

    @Test
    void applicationNamesAreCountedToo() {
        insertApplicationsNamed("z%03d", ValueCompleter.MAX_CANDIDATES + 2);

        assertThat(values("application show z")).hasSize(ValueCompleter.MAX_CANDIDATES);
        assertThat(hints("application show z")).containsExactly("... 2 more; type more letters");
        assertThat(hints("application show z05")).isEmpty();
    }

    @Test
    void aSoleVersionARuleWouldRefuseIsListedWithItsMarkNotInserted() {
        List<Candidate> all = allCandidates("image delete " + ARM64 + " --version ");

        assertThat(all).hasSize(2);
        assertThat(all.stream().filter(candidate -> !ShellCompleter.isHint(candidate))).singleElement()
                .satisfies(version -> assertThat(version.descr()).isEqualTo("only version; in use by beta"));
        // Two candidates sharing no start beyond the typed word: JLine lists them and inserts nothing.
        assertThat(all.stream().filter(ShellCompleter::isHint)).singleElement()
                .satisfies(hint -> assertThat(hint.value()).isEmpty());
        assertThat(hints("image delete " + AMD64 + " --version 1")).isEmpty();
        assertThat(hints("application delete app2 --version ")).isEmpty();
    }

    @Test
    void completesApplicationIdsByPrefixDescribedByName() {
        String id = catalog.jdbc().queryForObject("SELECT ID FROM APPLICATION WHERE NAME = 'beta'", String.class);

        List<Candidate> candidates = candidates("application delete " + id.substring(0, 10));

        assertThat(describedBy(candidates)).containsEntry(id, "beta");
        assertThat(candidates).extracting(Candidate::value).allMatch(value -> value.startsWith(id.substring(0, 10)));
        assertThat(values("application delete " + id + " --version ")).containsExactly("0");
        assertThat(values("application show zz")).isEmpty();
    }

    @Test
    void valuesWithControlCharactersAreNotOffered() {
        insertImagesNamed("esc\u001b[2J%d", 1);
        insertImagesNamed("esc-plain%d", 1);

        assertThat(values("image show esc")).containsExactly("esc-plain0");
    }

    @Test
    void descriptionsShowControlAndBidiCharactersAsEscapes() {
        // An id as amsh makes them (base32hex), so that Tab completes it and describes it by the name.
        String id = "cv0000000000000000e1";
        catalog.jdbc().update("INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, IMMUTABLE, CREATED_AT,"
                + " NEXT_VERSION) VALUES (?, ?, 'container', 'x86_64', 'available', FALSE, CURRENT_TIMESTAMP, 1)",
                id, "esc\u001b]0;pwned\u0007\u202E0");

        Map<String, String> described = describedBy(candidates("image show " + id));

        assertThat(described).containsEntry(id, "esc\\e]0;pwned\\x07\\u202E0, container");
        assertThat(described.values()).noneMatch(description -> description.contains("\u001b") || description.contains("\u202E"));
    }

    private int insertedImages;

    /** Images straight into the table, in one batch: thousands through the shell would take minutes. */
    private void insertImagesNamed(String format, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {String.format("y%019d", insertedImages++), String.format(format, i)});
        }
        catalog.jdbc().batchUpdate("INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, IMMUTABLE, CREATED_AT,"
                + " NEXT_VERSION) VALUES (?, ?, 'container', 'x86_64', 'available', FALSE, CURRENT_TIMESTAMP, 1)", rows);
    }

    private void insertApplicationsNamed(String format, int count) {
        for (int i = 0; i < count; i++) {
            catalog.jdbc().update("INSERT INTO APPLICATION (ID, NAME, CREATED_AT, NEXT_VERSION)"
                    + " VALUES (?, ?, CURRENT_TIMESTAMP, 1)", String.format("w%019d", i), String.format(format, i));
        }
    }

    /** What JLine lists: values and hint lines. */
    private List<Candidate> allCandidates(String line) {
        DefaultParser parser = new DefaultParser();
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, parser.parse(line, line.length(), ParseContext.COMPLETE), candidates);
        return candidates;
    }

    /** The values Tab may insert (hint lines are not). */
    private List<Candidate> candidates(String line) {
        return allCandidates(line).stream().filter(candidate -> !ShellCompleter.isHint(candidate)).toList();
    }

    private List<String> hints(String line) {
        return allCandidates(line).stream().filter(ShellCompleter::isHint).map(Candidate::displ).toList();
    }

    /** Each candidate's value and its description ("" for none), in order. */
    private static Map<String, String> describedBy(List<Candidate> candidates) {
        return candidates.stream().collect(Collectors.toMap(Candidate::value,
                candidate -> candidate.descr() == null ? "" : candidate.descr(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
