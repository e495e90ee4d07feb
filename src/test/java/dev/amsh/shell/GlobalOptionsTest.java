package dev.amsh.shell;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
