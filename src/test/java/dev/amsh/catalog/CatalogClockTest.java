package dev.amsh.catalog;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.convention.TestBean;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every change reads its time from the one clock: images, their versions, applications and the audit log alike. */
@TestCatalog
class CatalogClockTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456Z");

    @TestBean
    Clock clock;

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Test
    void everyChangeIsRecordedAtTheClocksTime() {
        catalog.reset();
        CatalogBuilder build = new CatalogBuilder(shell, catalog);
        build.image("jammy", 10, 20);
        build.application("app1", "jammy");

        for (String column : List.of("SELECT CREATED_AT FROM IMAGE", "SELECT CREATED_AT FROM IMAGE_VERSION",
                "SELECT CREATED_AT FROM APPLICATION", "SELECT CREATED_AT FROM APPLICATION_VERSION",
                "SELECT OCCURRED_AT FROM AUDIT_EVENT")) {
            assertThat(catalog.jdbc().queryForList(column, Timestamp.class)).as(column).isNotEmpty()
                    .allSatisfy(time -> assertThat(time.toInstant()).isEqualTo(NOW));
        }
    }
}
