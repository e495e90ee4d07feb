package dev.amsh.shell.completion;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        assertThat(values("image delete --")).containsExactly("--version", "--force", "--vm", "--yes");
        assertThat(values("image delete " + AMD64 + " --force --")).containsExactly("--version", "--vm", "--yes");
        assertThat(values("image delete " + AMD64 + " -f -")).containsExactly("--version", "--vm", "--yes");
        assertThat(values("image list --")).containsExactly("--format", "--name");
        assertThat(values("image delete " + AMD64 + " ")).containsExactly("--version", "--force", "--vm", "--yes");
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

    private List<String> values(String line) {
        return candidates(line).stream().map(Candidate::value).toList();
    }

    @Test
    void aPrefixThatCouldStartAnIdStillCompletesWhenNamesFillTheCandidates() {
        // 'ca' could begin an id too; with 50 names matching, there is no room left for ids.
        for (int i = 0; i < CatalogCompletionProvider.MAX_CANDIDATES + 5; i++) {
            catalog.jdbc().update("INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, IMMUTABLE, CREATED_AT,"
                    + " NEXT_VERSION) VALUES (?, ?, 'container', 'x86_64', 'available', FALSE, CURRENT_TIMESTAMP, 1)",
                    String.format("c%019d", i), String.format("ca%03d", i));
        }

        List<Candidate> candidates = candidates("image delete ca");

        assertThat(candidates).hasSize(CatalogCompletionProvider.MAX_CANDIDATES)
                .allSatisfy(candidate -> assertThat(candidate.value()).startsWith("ca"));
    }

    private List<Candidate> candidates(String line) {
        DefaultParser parser = new DefaultParser();
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, parser.parse(line, line.length(), ParseContext.COMPLETE), candidates);
        return candidates;
    }

    /** Each candidate's value and its description ("" for none), in order. */
    private static Map<String, String> describedBy(List<Candidate> candidates) {
        return candidates.stream().collect(Collectors.toMap(Candidate::value,
                candidate -> candidate.descr() == null ? "" : candidate.descr(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
