package dev.amsh.shell;

import dev.amsh.command.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trusting another user's catalog is a global option the operator must give each time. */
class GlobalOptionsTest {

    @Test
    void allowingAForeignCatalogIsAGlobalOption() {
        GlobalOptions options = GlobalOptions.parse("--allow-foreign-catalog", "--catalog", "/srv/c", "image", "list");

        assertThat(options.allowForeignCatalog()).isTrue();
        assertThat(options.catalog()).contains("/srv/c");
        assertThat(options.commandWords()).containsExactly("image", "list");
    }

    @Test
    void aForeignCatalogIsNotAllowedByDefaultNorByAWordOfTheCommand() {
        assertThat(GlobalOptions.parse("--catalog", "/srv/c", "image", "list").allowForeignCatalog()).isFalse();
        assertThat(GlobalOptions.parse("image", "list", "--allow-foreign-catalog").allowForeignCatalog()).isFalse();
    }

    @Test
    void aMistypedGlobalOptionIsNamedWithTheOneMeant() {
        assertThatThrownBy(() -> GlobalOptions.parse("--catlog", "/srv/c", "image", "list"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option --catlog for 'amsh'; did you mean --catalog?");
    }

    @Test
    void aGlobalOptionWithoutItsValueIsOneLine() {
        assertThatThrownBy(() -> GlobalOptions.parse("--catalog")).hasMessage("--catalog needs a value (DIR)");
        assertThatThrownBy(() -> GlobalOptions.parse("--catalog=", "image", "list"))
                .hasMessage("--catalog needs a value (DIR)");
        assertThatThrownBy(() -> GlobalOptions.parse("--catalog-url", "--debug", "image", "list"))
                .hasMessage("--catalog-url needs a value (URL)");
    }

    @Test
    void theCommandStartsAtTheFirstWordThatIsNoGlobalOption() {
        GlobalOptions options = GlobalOptions.parse("--debug", "-h", "image", "delete", "--debug");

        assertThat(options.debug()).isTrue();
        assertThat(options.commandWords()).containsExactly("help", "image", "delete", "--debug");
        assertThat(GlobalOptions.parse("@cleanup.amsh").commandWords()).containsExactly("script", "cleanup.amsh");
    }

    @Test
    void helpDescribesTheGlobalOptionsFromTheirSpec() {
        assertThat(GlobalOptions.described()).contains(
                "--catalog DIR               the catalog directory (beats AMSH_CATALOG)",
                "--help, -h                  this help");
    }
}
