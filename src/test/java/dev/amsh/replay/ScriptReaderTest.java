package dev.amsh.replay;

import dev.amsh.vocabulary.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a script file becomes commands: comments, blank lines, continuations, line endings, and files that are no script. */
class ScriptReaderTest {

    @TempDir
    Path directory;

    @Test
    void skipsCommentsAndBlankLinesAndKeepsEachCommandsLineNumber() {
        List<ScriptLine> lines = read("""
                # a cleanup
                image list

                   # an indented comment
                \t
                image delete foo --yes
                """);

        assertThat(lines).containsExactly(
                new ScriptLine("test.amsh", 2, "image list"),
                new ScriptLine("test.amsh", 6, "image delete foo --yes"));
    }

    @Test
    void stripsTheWhitespaceAroundACommand() {
        assertThat(read("   image list  \t\n")).containsExactly(new ScriptLine("test.amsh", 1, "image list"));
    }

    @Test
    void aTrailingBackslashJoinsTheNextLineWithOneSpaceAndTheCommandKeepsItsFirstLineNumber() {
        List<ScriptLine> lines = read("""
                image list
                application create legacy \\
                    --image nougat \\
                    --vm
                image show nougat
                """);

        assertThat(lines).containsExactly(
                new ScriptLine("test.amsh", 1, "image list"),
                new ScriptLine("test.amsh", 2, "application create legacy --image nougat --vm"),
                new ScriptLine("test.amsh", 5, "image show nougat"));
    }

    @Test
    void aContinuationJoinsACommentOrBlankLineAsItStands() {
        List<ScriptLine> lines = read("image list \\\n\nimage show foo\n");

        assertThat(lines).containsExactly(
                new ScriptLine("test.amsh", 1, "image list"),
                new ScriptLine("test.amsh", 3, "image show foo"));
    }

    @Test
    void aContinuationAtTheEndOfTheFileEndsTheCommand() {
        assertThat(read("image list\nimage show \\\n  foo \\")).containsExactly(
                new ScriptLine("test.amsh", 1, "image list"),
                new ScriptLine("test.amsh", 2, "image show foo"));
        assertThat(read("image show foo \\\n")).containsExactly(new ScriptLine("test.amsh", 1, "image show foo"));
    }

    @Test
    void aLoneBackslashAtTheEndOfTheFileIsNoCommand() {
        assertThat(read("image list\n\\")).containsExactly(new ScriptLine("test.amsh", 1, "image list"));
    }

    @Test
    void crlfLineEndingsReadAsLfOnes() {
        List<ScriptLine> lines = read("# windows\r\nimage list\r\n\r\nimage delete foo \\\r\n  --yes\r\nimage show bar");

        assertThat(lines).containsExactly(
                new ScriptLine("test.amsh", 2, "image list"),
                new ScriptLine("test.amsh", 4, "image delete foo --yes"),
                new ScriptLine("test.amsh", 6, "image show bar"));
        assertThat(lines).allSatisfy(line -> assertThat(line.text()).doesNotContain("\r"));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstCommand() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "image list\n".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(text, 0, file, bom.length, text.length);

        assertThat(ScriptReader.read("test.amsh", new ByteArrayInputStream(file)))
                .containsExactly(new ScriptLine("test.amsh", 1, "image list"));
    }

    @Test
    void keepsNonAsciiTextAndTheAmcPrefixForTheParser() {
        assertThat(read("amc image show café\n")).containsExactly(new ScriptLine("test.amsh", 1, "amc image show café"));
    }

    @Test
    void anEmptyFileOrOneOfCommentsOnlyHasNoCommands() {
        assertThat(read("")).isEmpty();
        assertThat(read("# nothing to do\n\n   \n")).isEmpty();
    }

    @Test
    void aFileWithNulBytesIsRefusedAsBinary() throws IOException {
        Path binary = directory.resolve("image.tar.xz");
        Files.write(binary, new byte[] {'i', 'm', 'a', 'g', 'e', '\n', 0, 1, 2, (byte) 0xFD, '\n'});

        assertThatThrownBy(() -> ScriptReader.read(binary))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("script " + binary + " looks binary (it contains NUL bytes)");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Path latin1 = directory.resolve("latin1.amsh");
        Files.write(latin1, "image show caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ScriptReader.read(latin1))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("script " + latin1 + " is not UTF-8 text");
    }

    @Test
    void aMissingFileIsRefusedWithItsName() {
        Path missing = directory.resolve("missing.amsh");

        assertThatThrownBy(() -> ScriptReader.read(missing))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("cannot read script " + missing + ": no such file");
    }

    @Test
    void aDirectoryIsRefused() {
        assertThatThrownBy(() -> ScriptReader.read(directory))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("cannot read script " + directory + ": it is a directory");
    }

    @Test
    void aFileIsReadWithItsPathAsTheSourceOfEveryLine() throws IOException {
        Path script = directory.resolve("cleanup.amsh");
        Files.writeString(script, "image list\n\nimage show foo\n");

        assertThat(ScriptReader.read(script)).extracting(ScriptLine::location)
                .containsExactly(script + ":1", script + ":3");
    }

    @Test
    void standardInputIsNamedByItsDash() {
        List<ScriptLine> lines = ScriptReader.read("-",
                new ByteArrayInputStream("image list\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(lines).extracting(ScriptLine::location).containsExactly("-:1");
    }

    private static List<ScriptLine> read(String text) {
        return ScriptReader.read("test.amsh", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
