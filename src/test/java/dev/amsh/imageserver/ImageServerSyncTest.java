package dev.amsh.imageserver;

import dev.amsh.shell.completion.ShellCompleter;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TemporaryDirectory;
import dev.amsh.support.TestCatalog;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

@TestCatalog
class ImageServerSyncTest {

    static final Path EXAMPLE = Path.of("examples/image-server/index.json").toAbsolutePath();
    static final String JAMMY = "jammy:android13:amd64";

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    @Autowired
    ShellCompleter completer;

    @BeforeEach
    void emptyCatalog() {
        catalog.reset();
    }

    @Test
    void setStoresAnAbsolutePathAndShowSaysWhenItWasSynchronized() {
        assertThat(shell.run("image server show").out()).contains("location: (not set").contains("last synchronized: never");

        Result set = shell.run("image server set examples/image-server/index.json");

        assertThat(set.exitCode()).isZero();
        assertThat(set.out()).startsWith("image server set to " + EXAMPLE);
        assertThat(shell.run("image server show").out())
                .isEqualTo("location: " + EXAMPLE + "\nlast synchronized: never\n");
        assertThat(shell.run("image server sync").exitCode()).isZero();
        assertThat(shell.run("image server show").out()).doesNotContain("never").containsPattern("last synchronized: 20\\d\\d-");
    }

    @Test
    void setRefusesUnsupportedUrls() {
        Result result = shell.run("image server set ftp://example.org/index.json");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unsupported scheme 'ftp'");
        assertThat(shell.run("image server set http:///index.json").err()).contains("names no host");
    }

    @Test
    void aLocalIndexThatIsNotThereIsRefusedUnlessNoCheckIsGiven() {
        Path missing = EXAMPLE.resolveSibling("no-such-index.json");

        Result refused = shell.run("image server set " + missing);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: no index file at " + missing
                + "; check the path, or add --no-check to set it anyway\n");
        assertThat(shell.run("image server show").out()).doesNotContain("no-such-index");
        assertThat(shell.run("image server set " + EXAMPLE.getParent()).exitCode()).isEqualTo(1);

        assertThat(shell.run("image server set " + missing + " --no-check").exitCode()).isZero();
        assertThat(shell.run("image server show").out()).contains(missing.toString());
    }

    @Test
    void imageAddPinsAReleaseOfAServerImageAsALocalImage() {
        shell.run("image server set " + EXAMPLE);

        Result added = shell.run("image add pinned " + JAMMY + "@1.24.1-20240101");

        assertThat(added.exitCode()).isZero();
        assertThat(added.out()).startsWith("added pinned (").contains("version 0 is release 1.24.1-20240101 of the"
                + " image server's " + JAMMY);
        Map<String, Object> version = catalog.jdbc().queryForMap("""
                SELECT I.IMMUTABLE, I.ARCHITECTURE, V.VERSION, V.SIZE, V.SHA256, V.RELEASE_NAME, V.SOURCE, V.STATUS
                FROM IMAGE I JOIN IMAGE_VERSION V ON V.IMAGE_ID = I.ID WHERE I.NAME = 'pinned'""");
        assertThat(version).containsEntry("IMMUTABLE", false).containsEntry("VERSION", 0)
                .containsEntry("RELEASE_NAME", "1.24.1-20240101").containsEntry("STATUS", "available");
        assertThat(((String) version.get("ARCHITECTURE")).trim()).isEqualTo("x86_64");
        assertThat(version.get("SOURCE").toString()).endsWith("examples/image-server/content/jammy-android13-amd64-1.24.1.img");
        assertThat(version.get("SHA256")).isEqualTo(releaseOf(JAMMY, "1.24.1-20240101").get("sha256"));
        assertThat(((Number) version.get("SIZE")).longValue())
                .isEqualTo(((Number) releaseOf(JAMMY, "1.24.1-20240101").get("size")).longValue());
        assertThat(catalog.count("IMAGE")).isEqualTo(1);
        // Mutable: it takes versions of its own.
        assertThat(shell.run("image update pinned " + CatalogFixture.imageFile(10)).exitCode()).isZero();
    }

    @Test
    void anUnknownServerImageOrReleaseIsOneLineAndCreatesNothing() {
        shell.run("image server set " + EXAMPLE);
        String before = catalog.snapshot();

        Result unknownRelease = shell.run("image add pinned " + JAMMY + "@9.9");
        assertThat(unknownRelease.exitCode()).isEqualTo(1);
        assertThat(unknownRelease.err()).isEqualTo("error: the image server's " + JAMMY + " has no release 9.9; it has"
                + " 1.24.1-20240101, 1.24.2-20240201\n");
        Result unknownImage = shell.run("image add pinned nosuch@1.0");
        assertThat(unknownImage.exitCode()).isEqualTo(1);
        assertThat(unknownImage.err()).startsWith("error: the image server at ").endsWith(" has no image nosuch\n");
        Result otherType = shell.run("image add pinned focal:android12:amd64@1.23.0-20231115");
        assertThat(otherType.err()).contains("only as a vm image; add --type vm");
        assertThat(shell.run("image add pinned " + JAMMY + "@1.24.1-20240101 --arch aarch64").exitCode()).isEqualTo(2);
        assertThat(catalog.snapshot()).isEqualTo(before);

        assertThat(shell.run("image add pinned focal:android12:amd64@1.23.0-20231115 --type vm").exitCode()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> releaseOf(String image, String release) {
        Map<String, Object> index = new tools.jackson.databind.ObjectMapper().readValue(EXAMPLE.toFile(), Map.class);
        return ((List<Map<String, Object>>) index.get("images")).stream()
                .filter(entry -> entry.get("name").equals(image))
                .flatMap(entry -> ((List<Map<String, Object>>) entry.get("releases")).stream())
                .filter(r -> r.get("release").equals(release))
                .findFirst().orElseThrow();
    }

    @Test
    void syncWithoutAServerSaysHowToSetOne() {
        Result result = shell.run("image server sync");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: no image server is set; use 'image server set <url-or-path>' first\n");
    }

    @Test
    void syncImportsEveryImageOfTheExampleIntoAnEmptyCatalog() {
        shell.run("image server set " + EXAMPLE);

        Result sync = shell.run("image server sync");

        assertThat(sync.exitCode()).isZero();
        assertThat(sync.out())
                .containsPattern("new image jammy:android13:amd64 \\([0-9a-v]{20}\\): versions 0 \\(1.24.1-20240101, 75 B\\), "
                        + "1 \\(1.24.2-20240201, 75 B\\); default container image\n")
                .containsPattern("new image jammy:android13:arm64 \\([0-9a-v]{20}\\): version 0 \\(1.24.2-20240201, 75 B\\)\n")
                .containsPattern("new image focal:android12:amd64 \\(vm\\) \\([0-9a-v]{20}\\): version 0 .*; default vm image\n")
                .endsWith("synchronized from " + EXAMPLE + ": 3 new images, 4 new versions, 0 conflicts\n");
        assertThat(catalog.jdbc().queryForList("""
                SELECT NAME, TYPE, ARCHITECTURE, STATUS, DEFAULT_OF, IMMUTABLE, NEXT_VERSION FROM IMAGE ORDER BY NAME""")
                .stream().map(row -> String.valueOf(row.values())).toList())
                .containsExactly(
                        "[focal:android12:amd64, vm, x86_64, available, vm, true, 1]",
                        "[jammy:android13:amd64, container, x86_64, available, container, true, 2]",
                        "[jammy:android13:arm64, container, aarch64, available, null, true, 1]");
        Path content = EXAMPLE.getParent().resolve("content");
        assertThat(catalog.jdbc().queryForList("""
                SELECT V.VERSION, V.RELEASE_NAME, V.SOURCE, V.SIZE, V.STATUS FROM IMAGE_VERSION V
                JOIN IMAGE I ON I.ID = V.IMAGE_ID WHERE I.NAME = ? ORDER BY V.VERSION""", JAMMY)
                .stream().map(Map::values).map(List::copyOf).toList())
                .containsExactly(
                        List.of(0, "1.24.1-20240101", content.resolve("jammy-android13-amd64-1.24.1.img").toString(), 75L, "available"),
                        List.of(1, "1.24.2-20240201", content.resolve("jammy-android13-amd64-1.24.2.img").toString(), 75L, "available"));
        assertThat(shell.run("audit list --format json").out()).contains("synchronized from " + EXAMPLE);
    }

    @Test
    void syncTwiceImportsNothingTheSecondTime() {
        shell.run("image server set " + EXAMPLE);
        shell.run("image server sync");
        String images = imagesAndVersions();

        Result again = shell.run("image server sync");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("synchronized from " + EXAMPLE + ": nothing new\n");
        assertThat(imagesAndVersions()).isEqualTo(images);
    }

    @Test
    void unseenReleasesBecomeTheNextVersionsAndNothingIsRemoved() {
        TestIndex server = TestIndex.create().image(JAMMY, "container", "x86_64", "1.0", "1.1");
        shell.run("image server set " + server.write());
        shell.run("image server sync");
        assertThat(shell.run("image sync " + JAMMY).exitCode()).isZero();

        TestIndex later = TestIndex.create().image(JAMMY, "container", "x86_64", "1.1", "1.2", "1.3");
        shell.run("image server set " + later.write());
        Result sync = shell.run("image server sync");

        assertThat(sync.exitCode()).isZero();
        assertThat(sync.out()).isEqualTo("new versions 2 (1.2, 25 B), 3 (1.3, 25 B) of " + JAMMY + "\n"
                + "synchronized from " + later.index() + ": 0 new images, 2 new versions, 0 conflicts\n");
        assertThat(catalog.jdbc().queryForList("""
                SELECT V.RELEASE_NAME FROM IMAGE_VERSION V JOIN IMAGE I ON I.ID = V.IMAGE_ID ORDER BY V.VERSION""",
                String.class)).containsExactly("1.0", "1.1", "1.2", "1.3");
        assertThat(catalog.jdbc().queryForObject("SELECT STATUS FROM IMAGE", String.class))
                .as("the newest version's content is unchecked again").isEqualTo("available");
        assertThat(catalog.jdbc().queryForObject("SELECT NEXT_VERSION FROM IMAGE", Integer.class)).isEqualTo(4);
    }

    @Test
    void aLocalImageOfTheSameNameIsAConflictAndLeftAlone() {
        String file = CatalogFixture.imageFile(100).toString();
        shell.run("image add " + JAMMY + " " + file);
        TestIndex server = TestIndex.create()
                .image(JAMMY, "container", "x86_64", "1.0")
                .image("other:android13:amd64", "container", "x86_64", "1.0")
                .image(JAMMY, "vm", "x86_64", "1.0");
        shell.run("image server set " + server.write());

        Result sync = shell.run("image server sync");

        assertThat(sync.exitCode()).isZero();
        assertThat(sync.out())
                .contains("conflict: " + JAMMY + " is a local container image; the server's image of that name was not imported")
                .containsPattern("new image other:android13:amd64 \\([0-9a-v]{20}\\): version 0 \\(1.0, 25 B\\)\n")
                .containsPattern("new image jammy:android13:amd64 \\(vm\\) \\([0-9a-v]{20}\\): version 0 \\(1.0, 25 B\\); default vm image\n")
                .endsWith("2 new images, 2 new versions, 1 conflict\n");
        assertThat(catalog.jdbc().queryForList("""
                SELECT NAME, TYPE, IMMUTABLE, DEFAULT_OF FROM IMAGE ORDER BY NAME, TYPE""")
                .stream().map(row -> row.get("NAME") + "/" + row.get("TYPE") + "/" + row.get("IMMUTABLE") + "/" + row.get("DEFAULT_OF"))
                .toList())
                .as("the local image keeps its content and stays the container default")
                .containsExactly(JAMMY + "/container/false/container", JAMMY + "/vm/true/vm",
                        "other:android13:amd64/container/true/null");
        assertThat(catalog.jdbc().queryForObject("""
                SELECT COUNT(*) FROM IMAGE_VERSION V JOIN IMAGE I ON I.ID = V.IMAGE_ID
                WHERE I.NAME = ? AND I.TYPE = 'container' AND V.RELEASE_NAME IS NULL""", Integer.class, JAMMY)).isEqualTo(1);
    }

    @Test
    void aBadIndexChangesNothing() throws Exception {
        TestIndex server = TestIndex.create().image(JAMMY, "container", "x86_64", "1.0");
        shell.run("image server set " + server.write());
        shell.run("image server sync");
        server.image("new:android13:amd64", "container", "x86_64", "1.0")
                .image("bad:android13:amd64", "container", "x86_64", "1.0").write();
        String index = Files.readString(server.index());
        int badEntry = index.indexOf("bad:android13:amd64");
        Files.writeString(server.index(), index.substring(0, badEntry)
                + index.substring(badEntry).replace("\"size\": 23", "\"size\": -23"));
        String before = catalog.snapshot();

        Result sync = shell.run("image server sync");

        assertThat(sync.exitCode()).isEqualTo(3);
        assertThat(sync.err()).isEqualTo("error: index entry images[2] (bad:android13:amd64) release 1.0: size must not be negative\n");
        assertThat(catalog.snapshot()).isEqualTo(before);

        Files.writeString(server.index(), "{\"format\": \"amsh-image-index/1\", \"images\": [");
        assertThat(shell.run("image server sync").err()).startsWith("error: index " + server.index() + " is not valid JSON: line 1");
        Files.delete(server.index());
        assertThat(shell.run("image server sync").err()).isEqualTo("error: cannot read " + server.index() + ": no such file\n");
        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(shell.run("audit list --format json").out()).contains("\"outcome\": \"failed\"");
    }

    @Test
    void aHugeSizeIsRefusedInTheIndexAndOneAlreadyInTheCatalogIsNoOverflow() throws Exception {
        TestIndex server = TestIndex.create().image(JAMMY, "container", "x86_64", "1.0");
        shell.run("image server set " + server.write());
        Files.writeString(server.index(), Files.readString(server.index())
                .replaceFirst("\"size\": \\d+", "\"size\": " + Long.MAX_VALUE));
        String before = catalog.snapshot();

        Result refused = shell.run("image server sync");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).isEqualTo("error: index entry images[0] (" + JAMMY + ") release 1.0: size is too large"
                + " (at most 9007199254740992 bytes)\n");
        assertThat(catalog.snapshot()).isEqualTo(before);

        server.write();
        shell.run("image server sync");
        catalog.jdbc().update("UPDATE IMAGE_VERSION SET SIZE = ?", Long.MAX_VALUE);

        Result sync = shell.run("image sync " + JAMMY);

        assertThat(sync.screen()).doesNotContain("internal error", "ArithmeticException", "overflow");
        assertThat(sync.screen().lines()).hasSize(1);
    }

    @Test
    void imageSyncChecksTheNewestVersionAndMarksTheImageActive() {
        TestIndex server = TestIndex.create().image(JAMMY, "container", "x86_64", "1.0", "1.1");
        shell.run("image server set " + server.write());
        shell.run("image server sync");

        Result result = shell.run("image sync " + JAMMY);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(JAMMY + " version 1 (release 1.1): 25 B, size and sha256 match; status active\n");
        assertThat(status()).isEqualTo("active");
    }

    @Test
    void eachVersionKeepsItsOwnStatusThroughSyncsAsImageShowTells() {
        TestIndex server = TestIndex.create().image(JAMMY, "container", "x86_64", "1.0", "1.1");
        shell.run("image server set " + server.write());
        shell.run("image server sync");
        assertThat(shownStatuses()).isEqualTo(Map.of("image", "available", "0", "available", "1", "available"));

        assertThat(shell.run("image sync " + JAMMY).exitCode()).isZero();
        assertThat(shownStatuses()).as("only the checked version is active")
                .isEqualTo(Map.of("image", "active", "0", "available", "1", "active"));

        shell.run("image server set " + TestIndex.create().image(JAMMY, "container", "x86_64", "1.0", "1.1", "1.2")
                .write());
        shell.run("image server sync");
        assertThat(shownStatuses()).as("a new release is unchecked; the checked one stays active")
                .isEqualTo(Map.of("image", "available", "0", "available", "1", "active", "2", "available"));
    }

    @Test
    void aFailedCheckMarksTheCheckedVersionErrorAsImageShowTells() {
        TestIndex server = TestIndex.create().image(JAMMY, "container", "x86_64", "1.0");
        shell.run("image server set " + server.write());
        shell.run("image server sync");
        TestIndex.write(server.content(JAMMY, "container", "1.0"), "short".getBytes(StandardCharsets.UTF_8));

        assertThat(shell.run("image sync " + JAMMY).exitCode()).isEqualTo(3);

        assertThat(shownStatuses()).isEqualTo(Map.of("image", "error", "0", "error"));
    }

    @Test
    void aSizeMismatchMarksTheImageErrorAndSaysSo() {
        TestIndex server = TestIndex.create().image(JAMMY, "container", "x86_64", "1.0");
        shell.run("image server set " + server.write());
        shell.run("image server sync");
        TestIndex.write(server.content(JAMMY, "container", "1.0"), (JAMMY + " 1.0!").getBytes(StandardCharsets.UTF_8));

        Result result = shell.run("image sync " + JAMMY);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("error: " + JAMMY + " version 0 (release 1.0): size mismatch: the content is"
                + " larger than the expected 25 bytes; status error\n");
        assertThat(status()).isEqualTo("error");

        TestIndex.write(server.content(JAMMY, "container", "1.0"), "short".getBytes(StandardCharsets.UTF_8));
        assertThat(shell.run("image sync " + JAMMY).err()).contains("size mismatch: expected 25 bytes, got 5 (5 B)");
    }

    @Test
    void aSha256MismatchMarksTheImageErrorAndSaysSo() {
        TestIndex server = TestIndex.create().image(JAMMY, "container", "x86_64", "1.0");
        shell.run("image server set " + server.write());
        shell.run("image server sync");
        byte[] sameSizeOtherBytes = (JAMMY + " 2.0").getBytes(StandardCharsets.UTF_8);
        TestIndex.write(server.content(JAMMY, "container", "1.0"), sameSizeOtherBytes);

        Result result = shell.run("image sync " + JAMMY);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("error: " + JAMMY + " version 0 (release 1.0): sha256 mismatch: expected "
                + TestIndex.sha256((JAMMY + " 1.0").getBytes(StandardCharsets.UTF_8)) + ", got "
                + TestIndex.sha256(sameSizeOtherBytes) + "; status error\n");
        assertThat(status()).isEqualTo("error");
        assertThat(shell.run("audit list --format json").out()).contains("sha256 mismatch");
    }

    @Test
    void missingContentLeavesTheStatusAsItWas() throws Exception {
        TestIndex server = TestIndex.create().image(JAMMY, "container", "x86_64", "1.0");
        shell.run("image server set " + server.write());
        shell.run("image server sync");
        Files.delete(server.content(JAMMY, "container", "1.0"));
        String before = catalog.snapshot();

        Result result = shell.run("image sync " + JAMMY);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("error: cannot read " + server.content(JAMMY, "container", "1.0")
                + ": no such file\n");
        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(status()).isEqualTo("available");
    }

    /** Content swapped for something that never ends, never starts or lies elsewhere is refused before it is read. */
    @Test
    void contentThatIsNotARegularFileInsideTheIndexsTreeIsRefused() throws Exception {
        TestIndex server = TestIndex.create().image(JAMMY, "container", "x86_64", "1.0");
        shell.run("image server set " + server.write());
        shell.run("image server sync");
        Path content = server.content(JAMMY, "container", "1.0");
        Path outside = TemporaryDirectory.untilExit("amsh-outside").resolve("content.img");
        Files.writeString(outside, JAMMY + " 1.0");
        String before = catalog.snapshot();

        Files.delete(content);
        assertThat(new ProcessBuilder("mkfifo", content.toString()).start().waitFor()).isZero();
        assertRefused(content, "it is not a regular file (a directory, device or FIFO)");
        Files.delete(content);
        Files.createDirectory(content);
        assertRefused(content, "it is not a regular file (a directory, device or FIFO)");
        Files.delete(content);
        Files.createSymbolicLink(content, outside);
        assertRefused(content, "it lies outside the index's directory " + server.index().getParent().toRealPath()
                + " (a symbolic link out of it)");

        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(status()).isEqualTo("available");
        Files.delete(content);
        Files.createSymbolicLink(content, server.index().resolveSibling("inside.img"));
        Files.writeString(server.index().resolveSibling("inside.img"), JAMMY + " 1.0");
        assertThat(shell.run("image sync " + JAMMY).exitCode()).isZero();
        assertThat(status()).isEqualTo("active");
    }

    private void assertRefused(Path content, String why) {
        Result result = shell.run("image sync " + JAMMY);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("error: refusing to read " + content + ": " + why + "\n");
    }

    @Test
    void imageSyncRefusesALocalImage() {
        shell.run("image add " + JAMMY + " " + CatalogFixture.imageFile(10));

        Result result = shell.run("image sync " + JAMMY);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: " + JAMMY + " is a local image; only images synchronized from the"
                + " image server have content to fetch\n");
        assertThat(shell.run("audit list --format json").out()).contains("\"outcome\": \"refused\"");
    }

    @Test
    void deletionRulesProtectSynchronizedImages() {
        shell.run("image server set " + EXAMPLE);
        shell.run("image server sync");
        String before = catalog.snapshot();

        Result d2 = shell.run("image delete jammy:android13:arm64 --yes");
        assertThat(d2.exitCode()).isEqualTo(1);
        assertThat(d2.err()).contains("D2").contains("synchronized from the image server").contains("--force");

        Result d3 = shell.run("image delete " + JAMMY + " --version 0 --yes");
        assertThat(d3.exitCode()).isEqualTo(1);
        assertThat(d3.err()).contains("D3").contains("versions of immutable images cannot be deleted");

        Result d8 = shell.run("image delete " + JAMMY + " --version 0 --force --yes");
        assertThat(d8.exitCode()).isEqualTo(1);
        assertThat(d8.err()).contains("D3");

        Result update = shell.run("image update " + JAMMY + " " + CatalogFixture.imageFile(10));
        assertThat(update.exitCode()).isEqualTo(1);
        assertThat(update.err()).contains("synchronized from the image server; only the server adds its versions");
        assertThat(catalog.snapshot()).isEqualTo(before);

        Result forced = shell.run("image delete jammy:android13:arm64 --force --yes");
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).contains("removed jammy:android13:arm64: version 0 (75 B)");
    }

    @Test
    void completionMarksSynchronizedImagesAndTheirVersions() {
        shell.run("image server set " + EXAMPLE);
        shell.run("image server sync");

        List<Candidate> names = candidates("image delete jammy:");
        List<Candidate> versions = candidates("image delete " + JAMMY + " --version ");

        assertThat(names).extracting(Candidate::descr)
                .containsExactly("container, default, immutable", "container, immutable");
        assertThat(versions).extracting(Candidate::value).containsExactly("0", "1");
        assertThat(versions).extracting(Candidate::descr).containsOnly("immutable");
    }

    private List<Candidate> candidates(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(mock(LineReader.class), new DefaultParser().parse(line, line.length(), ParseContext.COMPLETE),
                candidates);
        return candidates;
    }

    /** The image's status and each version's, by version number, as {@code image show --format json} prints them. */
    @SuppressWarnings("unchecked")
    private Map<String, String> shownStatuses() {
        Result show = shell.run("image show " + JAMMY + " --format json");
        assertThat(show.exitCode()).as(show.err()).isZero();
        Map<String, Object> image = new org.yaml.snakeyaml.Yaml().load(show.out());
        Map<String, String> statuses = new HashMap<>();
        statuses.put("image", (String) image.get("status"));
        ((Map<String, Map<String, Object>>) image.get("versions"))
                .forEach((number, version) -> statuses.put(number, (String) version.get("status")));
        return statuses;
    }

    private String status() {
        return catalog.jdbc().queryForObject("SELECT STATUS FROM IMAGE WHERE NAME = ?", String.class, JAMMY);
    }

    private String imagesAndVersions() {
        return catalog.jdbc().queryForList("SELECT * FROM IMAGE ORDER BY ID").toString()
                + catalog.jdbc().queryForList("SELECT * FROM IMAGE_VERSION ORDER BY IMAGE_ID, VERSION");
    }
}
