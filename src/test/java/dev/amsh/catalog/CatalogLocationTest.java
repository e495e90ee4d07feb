package dev.amsh.catalog;

import dev.amsh.vocabulary.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which catalog a command opens: the command line beats the environment, which beats the XDG default. */
class CatalogLocationTest {

    private static final Map<String, String> ENV_DIRECTORY = Map.of("AMSH_CATALOG", "/env/catalog");
    private static final Map<String, String> ENV_URL = Map.of("AMSH_CATALOG_URL", "jdbc:derby://env:1527/c");

    @Test
    void theCatalogOptionBeatsBothVariables() {
        Map<String, String> both = Map.of("AMSH_CATALOG", "/env/catalog", "AMSH_CATALOG_URL", "jdbc:derby://env:1527/c");

        CatalogLocation location = CatalogLocation.resolve(both, Optional.of("/flag/catalog"), Optional.empty());

        assertThat(location.directory()).contains(Path.of("/flag/catalog"));
        assertThat(location.jdbcUrl()).isEmpty();
    }

    @Test
    void theCatalogUrlOptionBeatsBothVariables() {
        CatalogLocation location = CatalogLocation.resolve(ENV_DIRECTORY, Optional.empty(),
                Optional.of("jdbc:derby://flag:1527/c"));

        assertThat(location.jdbcUrl()).contains("jdbc:derby://flag:1527/c");
        assertThat(CatalogLocation.resolve(ENV_URL, Optional.empty(), Optional.of("jdbc:derby://flag:1527/c")).jdbcUrl())
                .contains("jdbc:derby://flag:1527/c");
    }

    @Test
    void bothVariablesWithNoOptionToChooseIsAnErrorNamingBoth() {
        Map<String, String> both = Map.of("AMSH_CATALOG", "/env/catalog", "AMSH_CATALOG_URL", "jdbc:postgresql://db/amsh");

        assertThatThrownBy(() -> CatalogLocation.resolve(both, Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("both AMSH_CATALOG and AMSH_CATALOG_URL are set: unset one, or choose with --catalog DIR"
                        + " or --catalog-url URL");
    }

    @Test
    void withoutOptionsTheDirectoryVariableThenTheUrlVariableDecide() {
        assertThat(CatalogLocation.resolve(ENV_DIRECTORY, Optional.empty(), Optional.empty()).directory())
                .contains(Path.of("/env/catalog"));
        assertThat(CatalogLocation.resolve(ENV_URL, Optional.empty(), Optional.empty()).jdbcUrl())
                .contains("jdbc:derby://env:1527/c");
    }

    @Test
    void withNothingGivenTheXdgDataFolderHoldsIt() {
        CatalogLocation location = CatalogLocation.resolve(Map.of("XDG_DATA_HOME", "/xdg", "AMSH_CATALOG", " "),
                Optional.empty(), Optional.empty());

        assertThat(location.directory()).contains(Path.of("/xdg/amsh/catalog"));
    }

    @Test
    void describeMasksACatalogUrlsPassword() {
        CatalogLocation location = CatalogLocation.server("jdbc:derby://db:1527/c;user=amsh;password=hunter2");

        assertThat(location.describe()).isEqualTo("jdbc:derby://db:1527/c;user=amsh;password=***");
        assertThat(location.jdbcUrl()).contains("jdbc:derby://db:1527/c;user=amsh;password=hunter2");
    }
}
