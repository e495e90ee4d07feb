package dev.amsh.imageserver;

import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageType;
import dev.amsh.imageserver.ImageIndex.Entry;
import dev.amsh.imageserver.ImageIndex.Release;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageIndexParserTest {

    static final String SHA = "a".repeat(64);
    static final Location LOCAL = Location.of("/srv/images/index.json");
    static final Location REMOTE = Location.of("https://images.example.org/amsh/index.json");

    /** An index whose second image's first release is {@code release}, so each case changes one thing. */
    static String index(String release) {
        return """
                {"format": "amsh-image-index/1", "images": [
                  {"name": "focal:android12:amd64", "type": "vm", "architecture": "x86_64",
                   "releases": [{"release": "1.0", "size": 1, "sha256": "%s", "path": "a.img"}]},
                  {"name": "jammy:android13:amd64", "type": "container", "architecture": "x86_64",
                   "releases": [%s]}]}""".formatted(SHA, release);
    }

    static String release(String name, String size, String sha256, String path) {
        return "{\"release\": %s, \"size\": %s, \"sha256\": %s, \"path\": %s}".formatted(name, size, sha256, path);
    }

    static String goodRelease() {
        return release("\"1.2\"", "10", "\"" + SHA + "\"", "\"content/b.img\"");
    }

    @Test
    void readsAValidIndexIgnoringUnknownMembers() {
        String document = """
                {"format": "amsh-image-index/1", "generated": "2024-02-01", "images": [
                  {"name": "jammy:android13:amd64", "type": "container", "architecture": "aarch64", "labels": {"x": 1},
                   "releases": [
                     {"release": "1.24.1", "size": 0, "sha256": "%1$s", "path": "content/a.img", "notes": null},
                     {"release": "1.24.2", "size": 1048576, "sha256": "%1$s", "path": "content/b.img"}]}]}"""
                .formatted(SHA);

        ImageIndex index = ImageIndexParser.parse(document, LOCAL);

        assertThat(index.images()).containsExactly(new Entry("jammy:android13:amd64", ImageType.CONTAINER,
                Architecture.AARCH64, java.util.List.of(
                        new Release("1.24.1", 0, SHA, Location.of("/srv/images/content/a.img")),
                        new Release("1.24.2", 1048576, SHA, Location.of("/srv/images/content/b.img")))));
    }

    @Test
    void resolvesPathsAgainstTheIndexLocationOrTakesAbsoluteUrls() {
        String document = index(release("\"1.2\"", "10", "\"" + SHA + "\"",
                "\"https://cdn.example.org/x%20y.img\""));

        ImageIndex remote = ImageIndexParser.parse(document, REMOTE);
        assertThat(remote.images().get(0).releases().get(0).content().text())
                .isEqualTo("https://images.example.org/amsh/a.img");
        assertThat(remote.images().get(1).releases().get(0).content().text())
                .isEqualTo("https://cdn.example.org/x%20y.img");

        ImageIndex local = ImageIndexParser.parse(index(goodRelease()), LOCAL);
        assertThat(local.images().get(1).releases().get(0).content().text()).isEqualTo("/srv/images/content/b.img");

        ImageIndex fileUrl = ImageIndexParser.parse(index(goodRelease()), Location.of("file:/srv/images/index.json"));
        assertThat(fileUrl.images().get(1).releases().get(0).content().uri())
                .isEqualTo(URI.create("file:/srv/images/content/b.img"));
    }

    /** An index decides nothing about local files: each attack is refused by name, whatever the index's origin. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://images.example.org/amsh/index.json | file:///etc/passwd     | an index read over http(s) may name only http(s) content",
        "https://images.example.org/amsh/index.json | /proc/self/environ     | must be a relative path below the index's directory",
        "https://images.example.org/amsh/index.json | /dev/zero              | must be a relative path below the index's directory",
        "https://images.example.org/amsh/index.json | ../../etc/passwd       | must be a relative path below the index's directory",
        "https://images.example.org/amsh/index.json | content/../../x.img    | must be a relative path below the index's directory",
        "https://images.example.org/amsh/index.json | %2e%2e/%2e%2e/etc/passwd | must be a relative path below the index's directory",
        "https://images.example.org/amsh/index.json | //evil.example.org/x   | must be a relative path below the index's directory",
        "/srv/images/index.json                     | ../../etc/passwd       | must be a relative path below the index's directory",
        "/srv/images/index.json                     | /etc/passwd            | must be a relative path below the index's directory",
        "/srv/images/index.json                     | file:///etc/passwd     | an index read from a file may name only files below its own directory",
        "/srv/images/index.json                     | https://cdn.example.org/a.img | an index read from a file may name only files below its own directory",
    })
    void aReleasePathCannotLeaveTheIndexsDirectory(String indexLocation, String path, String reason) {
        String document = index(release("\"1.2\"", "10", "\"" + SHA + "\"", "\"" + path + "\""));

        assertThatThrownBy(() -> ImageIndexParser.parse(document, Location.of(indexLocation)))
                .isInstanceOf(ImageIndexException.class)
                .hasMessageStartingWith("index entry images[1] (jammy:android13:amd64) release 1.2: path '" + path + "'")
                .hasMessageContaining(reason)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"1.2\"  | 10     | \"" + "ABCDEF" + "\" | \"b.img\" | index entry images[1] (jammy:android13:amd64) release 1.2: sha256 must be 64 lowercase hex characters",
        "\"1.2\"  | -1     | \"SHA\"               | \"b.img\" | index entry images[1] (jammy:android13:amd64) release 1.2: size must not be negative",
        "\"1.2\"  | 1.5    | \"SHA\"               | \"b.img\" | index entry images[1] (jammy:android13:amd64) release 1.2: size must be a whole number of bytes",
        "\"1.2\"  | \"10\" | \"SHA\"               | \"b.img\" | index entry images[1] (jammy:android13:amd64) release 1.2: size must be a number, not a string",
        "\"1.2\"  | 1e30   | \"SHA\"               | \"b.img\" | index entry images[1] (jammy:android13:amd64) release 1.2: size is too large (at most 9007199254740992 bytes)",
        "12       | 10     | \"SHA\"               | \"b.img\" | index entry images[1] (jammy:android13:amd64) releases[0]: release must be a string, not a number",
        "\"\"     | 10     | \"SHA\"               | \"b.img\" | index entry images[1] (jammy:android13:amd64) releases[0]: release must be 1 to 100 characters without control or invisible characters",
        "\"1.0\\u200b\" | 10 | \"SHA\"             | \"b.img\" | index entry images[1] (jammy:android13:amd64) releases[0]: release must be 1 to 100 characters without control or invisible characters",
        "\"1.2\"  | 9223372036854775807 | \"SHA\"  | \"b.img\" | index entry images[1] (jammy:android13:amd64) release 1.2: size is too large (at most 9007199254740992 bytes)",
        "\"1.2\"  | 10     | null                  | \"b.img\" | index entry images[1] (jammy:android13:amd64) release 1.2: sha256 must be a string, not null",
        "\"1.2\"  | 10     | \"SHA\"               | \"\"      | index entry images[1] (jammy:android13:amd64) release 1.2: path is empty",
        "\"1.2\"  | 10     | \"SHA\"               | \"a b\"   | index entry images[1] (jammy:android13:amd64) release 1.2: path 'a b' is neither a relative path nor a URL (Illegal character in path; spaces must be written %20)",
        "\"1.2\"  | 10     | \"SHA\"               | \"ftp://h/b.img\" | index entry images[1] (jammy:android13:amd64) release 1.2: path 'ftp://h/b.img' uses the unsupported scheme 'ftp' (use file:, http: or https:)",
    })
    void rejectsABadReleaseNamingIt(String name, String size, String sha256, String path, String message) {
        String document = index(release(name, size, sha256.replace("SHA", SHA), path));

        assertThatThrownBy(() -> ImageIndexParser.parse(document, LOCAL))
                .isInstanceOf(ImageIndexException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsMissingMembers() {
        assertThatThrownBy(() -> ImageIndexParser.parse("{\"images\": []}", LOCAL))
                .hasMessage("index /srv/images/index.json: format is missing");
        assertThatThrownBy(() -> ImageIndexParser.parse("{\"format\": \"amsh-image-index/1\"}", LOCAL))
                .hasMessage("index /srv/images/index.json: images is missing");
        assertThatThrownBy(() -> ImageIndexParser.parse(index("{\"release\": \"1.2\", \"size\": 1, \"path\": \"b\"}"), LOCAL))
                .hasMessage("index entry images[1] (jammy:android13:amd64) release 1.2: sha256 is missing");
        assertThatThrownBy(() -> ImageIndexParser.parse(index(goodRelease()).replace("\"type\": \"vm\", ", ""), LOCAL))
                .hasMessage("index entry images[0] (focal:android12:amd64): type is missing");
        assertThatThrownBy(() -> ImageIndexParser.parse(
                index(goodRelease()).replace("\"name\": \"focal:android12:amd64\", ", ""), LOCAL))
                .hasMessage("index entry images[0]: name is missing");
    }

    @Test
    void rejectsWrongFormatAndWrongShapes() {
        assertThatThrownBy(() -> ImageIndexParser.parse("{\"format\": \"amsh-image-index/2\", \"images\": []}", LOCAL))
                .hasMessage("index /srv/images/index.json has format 'amsh-image-index/2'; amsh reads 'amsh-image-index/1'");
        assertThatThrownBy(() -> ImageIndexParser.parse("[]", LOCAL))
                .hasMessage("index /srv/images/index.json must be an object, not an array");
        assertThatThrownBy(() -> ImageIndexParser.parse("{\"format\": \"amsh-image-index/1\", \"images\": {}}", LOCAL))
                .hasMessage("index /srv/images/index.json: images must be an array, not an object");
        assertThatThrownBy(() -> ImageIndexParser.parse("{\"format\": \"amsh-image-index/1\", \"images\": [\"x\"]}", LOCAL))
                .hasMessage("index entry images[0] must be an object, not a string");
        assertThatThrownBy(() -> ImageIndexParser.parse(index(goodRelease()).replace("\"releases\": [{", "\"releases\": true, \"x\": [{"), LOCAL))
                .hasMessage("index entry images[0] (focal:android12:amd64): releases must be an array, not a boolean");
        assertThatThrownBy(() -> ImageIndexParser.parse(index(""), LOCAL))
                .hasMessage("index entry images[1] (jammy:android13:amd64): releases is empty; an image needs at least one release");
    }

    @Test
    void rejectsBadJsonSayingWhere() {
        assertThatThrownBy(() -> ImageIndexParser.parse("{\"format\": \"amsh-image-index/1\",\n \"images\": [}", LOCAL))
                .isInstanceOf(ImageIndexException.class)
                .hasMessage("index /srv/images/index.json is not valid JSON: line 2, column 13: "
                        + "Unexpected close marker '}': expected ']'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<html>           | line 1, column 1: Unexpected character ('<' (code 60)): expected a valid value",
        "{} x             | line 1, column 4: Unrecognized token 'x'",
        "[1, 2,]          | line 1, column 7: Unexpected character (']' (code 93)): expected a valid value",
        "{'a': 1}         | line 1, column 2: Unexpected character (''' (code 39)): was expecting double-quote",
        "[01]             | line 1, column 3: Invalid numeric value: Leading zeroes not allowed",
        "[\"abc           | line 1, column 6: Unexpected end-of-input",
        "[1] // comment   | line 1, column 5: Unexpected character ('/' (code 47))",
        "[1e999999999999] | a number is out of range",
        "'   '            | the document is empty",
    })
    void rejectsWhatIsNotStrictJson(String document, String reason) {
        assertThatThrownBy(() -> ImageIndexParser.parse(document, LOCAL))
                .isInstanceOf(ImageIndexException.class)
                .hasMessageStartingWith("index /srv/images/index.json is not valid JSON: " + reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Source:").hasLineCount(1));
    }

    @Test
    void rejectsAKeyGivenTwice() {
        assertThatThrownBy(() -> ImageIndexParser.parse(
                "{\"format\": \"amsh-image-index/1\", \"images\": [], \"format\": \"amsh-image-index/2\"}", LOCAL))
                .hasMessage("index /srv/images/index.json is not valid JSON: line 1, column 56: "
                        + "Duplicate Object property \"format\"");
    }

    @Test
    void rejectsUnescapedControlCharacters() {
        assertThatThrownBy(() -> ImageIndexParser.parse(index(goodRelease()).replace("1.2", "1\t2"), LOCAL))
                .hasMessageStartingWith("index /srv/images/index.json is not valid JSON: line 5, column ")
                .hasMessageContaining("Illegal unquoted character ((CTRL-CHAR, code 9))");
    }

    @Test
    void limitsNesting() {
        String deepest = "{\"format\": \"amsh-image-index/1\", \"images\": [], \"x\": "
                + "[".repeat(ImageIndexParser.MAX_DEPTH - 1) + "]".repeat(ImageIndexParser.MAX_DEPTH - 1) + "}";
        assertThat(ImageIndexParser.parse(deepest, LOCAL).images()).isEmpty();

        String tooDeep = deepest.replace("[]]", "[[]]]");
        assertThatThrownBy(() -> ImageIndexParser.parse(tooDeep, LOCAL))
                .hasMessage("index /srv/images/index.json is not valid JSON: "
                        + "Document nesting depth (65) exceeds the maximum allowed (64)");
        assertThatThrownBy(() -> ImageIndexParser.parse("[".repeat(100_000), LOCAL))
                .hasMessageContaining("nesting depth");
    }

    @Test
    void limitsStringAndDocumentSizes() {
        String longPath = index(release("\"1.2\"", "10", "\"" + SHA + "\"",
                "\"" + "a".repeat(ImageIndexParser.MAX_STRING_LENGTH + 1) + "\""));
        assertThatThrownBy(() -> ImageIndexParser.parse(longPath, LOCAL))
                .hasMessageStartingWith("index /srv/images/index.json is not valid JSON: ")
                .hasMessageContaining("String value length (65537) exceeds the maximum allowed (65536)");

        String huge = index(goodRelease()) + " ".repeat(ImageServerClient.MAX_INDEX_BYTES);
        assertThatThrownBy(() -> ImageIndexParser.parse(huge, LOCAL))
                .hasMessageStartingWith("index /srv/images/index.json is not valid JSON: ")
                .hasMessageContaining("exceeds the maximum allowed (" + ImageServerClient.MAX_INDEX_BYTES + ")");
    }

    @Test
    void rejectsUnknownTypeArchitectureAndInvalidNames() {
        assertThatThrownBy(() -> ImageIndexParser.parse(index(goodRelease()).replace("\"vm\"", "\"lxd\""), LOCAL))
                .hasMessage("index entry images[0] (focal:android12:amd64): unknown type 'lxd' (container or vm)");
        assertThatThrownBy(() -> ImageIndexParser.parse(index(goodRelease()).replace("\"x86_64\"", "\"amd64\""), LOCAL))
                .hasMessage("index entry images[0] (focal:android12:amd64): unknown architecture 'amd64' (x86_64 or aarch64)");
        assertThatThrownBy(() -> ImageIndexParser.parse(index(goodRelease()).replace("focal:android12:amd64", "-focal"), LOCAL))
                .hasMessageStartingWith("index entry images[0]: image name '-focal' is not valid");
        assertThatThrownBy(() -> ImageIndexParser.parse(index(goodRelease()).replace("focal:android12:amd64", "x".repeat(101)), LOCAL))
                .hasMessage("index entry images[0]: image name is 101 characters long; at most 100 are allowed");
    }

    @Test
    void rejectsDuplicates() {
        assertThatThrownBy(() -> ImageIndexParser.parse(index(goodRelease() + ", " + goodRelease()), LOCAL))
                .hasMessage("index entry images[1] (jammy:android13:amd64) release 1.2: listed twice");
        String twice = index(goodRelease()).replace("focal:android12:amd64\", \"type\": \"vm\"",
                "jammy:android13:amd64\", \"type\": \"container\"");
        assertThatThrownBy(() -> ImageIndexParser.parse(twice, LOCAL))
                .hasMessage("index entry images[1] (jammy:android13:amd64): container image jammy:android13:amd64 is listed twice");

        String vmVariant = index(goodRelease()).replace("focal:android12:amd64", "jammy:android13:amd64");
        assertThat(ImageIndexParser.parse(vmVariant, LOCAL).images()).hasSize(2);
    }
}
