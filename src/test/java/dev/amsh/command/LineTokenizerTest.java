package dev.amsh.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineTokenizerTest {

    @Test
    void whitespaceOfAnyKindAndLengthSeparatesWords() {
        assertThat(LineTokenizer.tokenize("  image\tdelete   x \n")).containsExactly("image", "delete", "x");
    }

    @Test
    void blankLineHasNoWords() {
        assertThat(LineTokenizer.tokenize("")).isEmpty();
        assertThat(LineTokenizer.tokenize("   ")).isEmpty();
    }

    @Test
    void singleQuotesGroupLiterally() {
        assertThat(LineTokenizer.tokenize("a 'b  c' 'd\\e \"f\"'")).containsExactly("a", "b  c", "d\\e \"f\"");
    }

    @Test
    void doubleQuotesGroupAndEscapeOnlyQuoteAndBackslash() {
        assertThat(LineTokenizer.tokenize("\"b  c\" \"say \\\"hi\\\"\" \"a\\\\b\" \"c:\\dir\" \"it's\""))
                .containsExactly("b  c", "say \"hi\"", "a\\b", "c:\\dir", "it's");
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertThat(LineTokenizer.tokenize("a\\ b \\'c \\\\d \\\"")).containsExactly("a b", "'c", "\\d", "\"");
    }

    @Test
    void backslashEndingTheLineIsKept() {
        assertThat(LineTokenizer.tokenize("a b\\")).containsExactly("a", "b\\");
    }

    @Test
    void quotedAndUnquotedPartsJoinIntoOneWord() {
        assertThat(LineTokenizer.tokenize("--name=\"a b\" --name='c d' x\"y z\"'w'"))
                .containsExactly("--name=a b", "--name=c d", "xy zw");
    }

    @Test
    void emptyQuotesAreAnEmptyWord() {
        assertThat(LineTokenizer.tokenize("a '' \"\" b")).containsExactly("a", "", "", "b");
    }

    @Test
    void unicodeAndSqlLookingTextPassThrough() {
        assertThat(LineTokenizer.tokenize("image delete 'Bild-ü-日本語-🚀' \"'; DROP TABLE image; --\""))
                .containsExactly("image", "delete", "Bild-ü-日本語-🚀", "'; DROP TABLE image; --");
    }

    @Test
    void longWordsStayWhole() {
        String name = "n".repeat(5000);
        assertThat(LineTokenizer.tokenize("image delete " + name)).containsExactly("image", "delete", name);
    }

    @Test
    void unclosedQuoteIsAUsageError() {
        assertThatThrownBy(() -> LineTokenizer.tokenize("image delete 'abc"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("unclosed quote (')");
        assertThatThrownBy(() -> LineTokenizer.tokenize("image delete \"abc\\\""))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("unclosed quote (\")");
    }

    @Test
    void unclosedQuoteMessageStaysOneShortLine() {
        assertThatThrownBy(() -> LineTokenizer.tokenize("image delete '" + "x\n".repeat(3000)))
                .isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(200));
    }

    @Test
    void partialLineEndingInWhitespaceHasACompleteLastWord() {
        LineTokenizer.PartialLine partial = LineTokenizer.tokenizePartial("image delete ");
        assertThat(partial.words()).containsExactly("image", "delete");
        assertThat(partial.lastWordComplete()).isTrue();
    }

    @Test
    void partialLineEndingInAWordLeavesItOpen() {
        LineTokenizer.PartialLine partial = LineTokenizer.tokenizePartial("image del");
        assertThat(partial.words()).containsExactly("image", "del");
        assertThat(partial.lastWordComplete()).isFalse();
    }

    @Test
    void partialLineInsideAnUnclosedQuoteDoesNotThrow() {
        LineTokenizer.PartialLine partial = LineTokenizer.tokenizePartial("image delete 'my ima");
        assertThat(partial.words()).containsExactly("image", "delete", "my ima");
        assertThat(partial.lastWordComplete()).isFalse();
    }

    @Test
    void partialLineEndingInQuotedOrEscapedSpaceLeavesTheWordOpen() {
        assertThat(LineTokenizer.tokenizePartial("image delete 'a ").lastWordComplete()).isFalse();
        LineTokenizer.PartialLine escaped = LineTokenizer.tokenizePartial("image delete a\\ ");
        assertThat(escaped.words()).containsExactly("image", "delete", "a ");
        assertThat(escaped.lastWordComplete()).isFalse();
    }

    @Test
    void partialLineJustAfterEmptyQuotesHasAnOpenEmptyWord() {
        LineTokenizer.PartialLine partial = LineTokenizer.tokenizePartial("image delete ''");
        assertThat(partial.words()).containsExactly("image", "delete", "");
        assertThat(partial.lastWordComplete()).isFalse();
    }

    @Test
    void emptyPartialLineStartsANewWord() {
        LineTokenizer.PartialLine partial = LineTokenizer.tokenizePartial("");
        assertThat(partial.words()).isEqualTo(List.of());
        assertThat(partial.lastWordComplete()).isTrue();
    }
}
