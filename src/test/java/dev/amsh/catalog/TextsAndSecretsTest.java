package dev.amsh.catalog;

import dev.amsh.vocabulary.Secrets;
import dev.amsh.vocabulary.Texts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsAndSecretsTest {

    @Test
    void visibleWritesEveryTerminalControlAsAnEscape() {
        assertThat(Texts.visible("a\u001b]0;pwned\u0007b")).isEqualTo("a\\e]0;pwned\\x07b");
        assertThat(Texts.visible("line\nnext\ttab\rcr")).isEqualTo("line\\nnext\\ttab\\rcr");
        assertThat(Texts.visible("nul\u0000del\u007fc1\u009b")).isEqualTo("nul\\x00del\\x7Fc1\\x9B");
        assertThat(Texts.visible("abc\u202Efed\u2066x\u200Fy\u2028z")).isEqualTo("abc\\u202Efed\\u2066x\\u200Fy\\u2028z");
        assertThat(Texts.visible("é 日本 \uD83D\uDE00 plain")).isEqualTo("é 日本 \uD83D\uDE00 plain");
    }

    @Test
    void abbreviateUsesTheSameVisibleForm() {
        assertThat(Texts.abbreviate("x\u001b[2J")).isEqualTo("x\\e[2J");
        assertThat(Texts.abbreviate("\u202E" + "a".repeat(100))).startsWith("\\u202Eaaa").endsWith("... (101 characters)");
    }

    @Test
    void redactMasksUrlPasswordsAndPasswordParameters() {
        assertThat(Secrets.redact("image server set http://user:pass@host/index.json"))
                .isEqualTo("image server set http://user:***@host/index.json");
        assertThat(Secrets.redact("https://u:p%40ss@h:8443/x and ftp://a:b@c"))
                .isEqualTo("https://u:***@h:8443/x and ftp://a:***@c");
        assertThat(Secrets.redact("jdbc:derby://db:1527/amsh;user=x;password=y;create=false"))
                .isEqualTo("jdbc:derby://db:1527/amsh;user=x;password=***;create=false");
        assertThat(Secrets.redact("https://h/i.json?user=a&PASSWORD=s3cret&x=1"))
                .isEqualTo("https://h/i.json?user=a&PASSWORD=***&x=1");
    }

    @Test
    void redactLeavesTextWithoutSecretsAlone() {
        for (String text : new String[] {"http://host:8080/index.json", "http://user@host/", "/tmp/a:b@c",
                "image delete foo --yes", "jdbc:derby://db:1527/amsh;user=x"}) {
            assertThat(Secrets.redact(text)).isEqualTo(text);
        }
    }
}
