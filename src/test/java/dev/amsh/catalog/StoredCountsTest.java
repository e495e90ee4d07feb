package dev.amsh.catalog;

import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An image's stored counts (its versions, the applications using it) after each kind of change that
 * moves them, made as a user makes it: image add, update and delete (a version, the whole image),
 * application create, update and delete (pins and unpins), prune, the image server's sync and an
 * image added from it, and an import into a new catalog; on each database a catalog can live in.
 * Each step checks the counts it expects, and that every image's counts equal what its rows count.
 * (The concurrency tests check the same after every operation of racing sessions.)
 */
@ParameterizedClass
@EnumSource(value = CatalogBackend.class, names = {"EMBEDDED_DERBY", "DERBY_NETWORK", "POSTGRESQL"})
class StoredCountsTest {

    @Parameter
    CatalogBackend backend;

    @TempDir
    Path files;

    ShellHarness shell;
    CatalogFixture catalog;
    JdbcTemplate jdbc;
    CatalogInvariants invariants;
    Path content;

    @BeforeEach
    void emptyCatalog() {
        shell = backend.bean(ShellHarness.class);
        catalog = backend.bean(CatalogFixture.class);
        catalog.reset();
        jdbc = catalog.jdbc();
        invariants = new CatalogInvariants(jdbc);
        content = CatalogFixture.imageFile(1024);
    }

    @Test
    void imageAddUpdateAndDeleteKeepTheVersionCount() {
        ok("image add jammy " + content);
        assertCounts("jammy", 1, 0);

        ok("image update jammy " + content);
        ok("image update jammy " + content);
        assertCounts("jammy", 3, 0);

        ok("image delete jammy --version 1 --yes");
        assertCounts("jammy", 2, 0);

        ok("image add noble " + content + " --default");
        ok("image update noble " + content);
        assertCounts("noble", 2, 0);
        ok("image delete jammy --yes");
        assertThat(jdbc.queryForList("SELECT NAME FROM IMAGE", String.class)).containsExactly("noble");
        assertCounts("noble", 2, 0);
    }

    @Test
    void pinsAndUnpinsKeepTheUserCount() {
        ok("image add jammy " + content);
        ok("image add noble " + content);

        ok("application create shop --image jammy");
        assertCounts("jammy", 1, 1);
        // A second pin of the same application on the same image: still one user.
        ok("application update shop");
        assertCounts("jammy", 1, 1);
        ok("application create cart --image jammy");
        assertCounts("jammy", 1, 2);
        ok("application update shop --image noble");
        assertCounts("jammy", 1, 2);
        assertCounts("noble", 1, 1);

        // shop pins jammy with versions 0 and 1, noble with 2: jammy keeps shop until both are gone.
        ok("application delete shop --version 0 --yes");
        assertCounts("jammy", 1, 2);
        ok("application delete shop --version 1 --yes");
        assertCounts("jammy", 1, 1);
        ok("application delete cart --yes");
        assertCounts("jammy", 1, 0);
        ok("application delete shop --yes");
        assertCounts("noble", 1, 0);
    }

    @Test
    void pruneKeepsTheVersionCount() {
        ok("image add jammy " + content);
        for (int i = 0; i < 4; i++) {
            ok("image update jammy " + content);
        }
        ok("application create shop --image jammy");
        ok("image update jammy " + content);
        assertCounts("jammy", 6, 1);

        ok("image prune --keep-last 1 --yes");

        // The newest and the pinned version 4 are kept.
        assertThat(jdbc.queryForList("SELECT V.VERSION FROM IMAGE_VERSION V JOIN IMAGE I ON I.ID = V.IMAGE_ID"
                + " ORDER BY V.VERSION", Integer.class)).containsExactly(4, 5);
        assertCounts("jammy", 2, 1);
    }

    @Test
    void theImageServersSyncCountsTheImagesItAddsAndTheReleasesItAppends() throws IOException {
        Path index = index(Map.of("jammy:android13:amd64", List.of("1.0", "1.1")));
        ok("image server set " + index);
        ok("image server sync");
        assertCounts("jammy:android13:amd64", 2, 0);

        index(Map.of("jammy:android13:amd64", List.of("1.0", "1.1", "1.2", "1.3")));
        ok("image server sync");
        assertCounts("jammy:android13:amd64", 4, 0);

        ok("image add pinned jammy:android13:amd64@1.2");
        assertCounts("pinned", 1, 0);
    }

    @Test
    void anImportIntoANewCatalogCountsEachImageFromItsRows() {
        ok("image add jammy " + content);
        ok("image update jammy " + content);
        ok("image update jammy " + content);
        ok("image add noble " + content);
        ok("application create shop --image jammy");
        ok("application create cart --image jammy");
        ok("application update cart --image noble");
        List<String> before = counts();
        assertThat(before).containsExactly("jammy 3 2", "noble 1 1");
        Path export = files.resolve("catalog.jsonl");
        ok("catalog export " + export);

        catalog.reset();
        ok("catalog import " + export);

        assertThat(counts()).isEqualTo(before);
        invariants.assertStateHolds();
    }

    @Test
    void theSchemaRefusesACountBelowZero() {
        ok("image add jammy " + content);

        assertThatThrownBy(() -> jdbc.update("UPDATE IMAGE SET VERSION_COUNT = -1"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .extracting(Throwable::getMessage).asString().containsIgnoringCase("IMAGE_VERSION_COUNT_NOT_NEGATIVE");
        assertThatThrownBy(() -> jdbc.update("UPDATE IMAGE SET USED_BY_COUNT = -1"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .extracting(Throwable::getMessage).asString().containsIgnoringCase("IMAGE_USED_BY_COUNT_NOT_NEGATIVE");
        assertCounts("jammy", 1, 0);
    }

    private void ok(String line) {
        ShellHarness.Result result = shell.run(line);
        assertThat(result.exitCode()).as("%s: %s", line, result.err()).isZero();
        invariants.assertStateHolds();
    }

    private void assertCounts(String containerImage, int versions, int users) {
        String stored = jdbc.queryForObject("SELECT VERSION_COUNT, USED_BY_COUNT FROM IMAGE WHERE NAME = ? AND TYPE = ?",
                (rs, row) -> rs.getInt(1) + " " + rs.getInt(2), containerImage, ImageType.CONTAINER.wireName());
        assertThat(stored).as("versions and users of %s", containerImage).isEqualTo(versions + " " + users);
    }

    private List<String> counts() {
        return jdbc.query("SELECT NAME, VERSION_COUNT, USED_BY_COUNT FROM IMAGE ORDER BY NAME",
                (rs, row) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3));
    }

    /** An image server index of container images with these releases, their content beside it; written again on each call. */
    private Path index(Map<String, List<String>> releasesByImage) throws IOException {
        List<String> images = new ArrayList<>();
        for (Map.Entry<String, List<String>> image : releasesByImage.entrySet()) {
            List<String> releases = new ArrayList<>();
            for (String release : image.getValue()) {
                byte[] bytes = (image.getKey() + " " + release).getBytes(StandardCharsets.UTF_8);
                String file = "content/" + image.getKey().replace(':', '-') + "-" + release + ".img";
                Files.createDirectories(files.resolve("content"));
                Files.write(files.resolve(file), bytes);
                releases.add("{\"release\": \"%s\", \"size\": %d, \"sha256\": \"%s\", \"path\": \"%s\"}"
                        .formatted(release, bytes.length, sha256(bytes), file));
            }
            images.add("{\"name\": \"%s\", \"type\": \"container\", \"architecture\": \"x86_64\", \"releases\": [%s]}"
                    .formatted(image.getKey(), String.join(", ", releases)));
        }
        Path index = files.resolve("index.json");
        Files.writeString(index, "{\"format\": \"amsh-image-index/1\", \"images\": [" + String.join(",\n", images) + "]}");
        return index;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
