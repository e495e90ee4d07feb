package dev.amsh.audit;

import dev.amsh.application.ApplicationService;
import dev.amsh.image.ImageService;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogRows;
import dev.amsh.support.CatalogRows.AuditRow;
import dev.amsh.support.CatalogSteps;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static dev.amsh.support.CatalogSteps.actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where audit events are committed: with the command's change, or on their own for a failure. */
@TestCatalog
class AuditLogTest {

    @Autowired
    AuditLog auditLog;

    @Autowired
    ImageService images;

    @Autowired
    ApplicationService applications;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    CatalogFixture catalog;

    CatalogRows rows;

    @BeforeEach
    void emptyCatalog() {
        catalog.reset();
        rows = new CatalogRows(catalog);
    }

    @Test
    void aFailureIsRecordedOutsideAnyTransaction() {
        auditLog.failed(actor("image add foo /missing"), "cannot read /missing");

        assertThat(rows.auditTrail()).containsExactly(
                new AuditRow("failed", "image add foo /missing", "cannot read /missing"));
    }

    @Test
    void aFailureSurvivesTheRollbackOfTheCommandsTransaction() {
        CatalogSteps given = new CatalogSteps(images, applications);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            given.container("img");
            auditLog.failed(actor("image add img file"), "the command failed after adding");
            status.setRollbackOnly();
        });

        assertThat(catalog.count("IMAGE")).isZero();
        assertThat(rows.auditTrail()).extracting(AuditRow::outcome).containsExactly("failed");
    }

    @Test
    void doneAndRefusedNeedTheCommandsTransaction() {
        assertThatThrownBy(() -> auditLog.done(actor("image switch foo"), List.of("foo is now the default")))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> auditLog.refused(actor("image delete foo"), List.of("D5 default")))
                .isInstanceOf(IllegalTransactionStateException.class);

        assertThat(rows.auditTrail()).isEmpty();
    }

    @Test
    void aHugeCommandTextIsClippedToFitItsColumn() {
        String command = "image add " + "x".repeat(5_000) + " file";

        auditLog.failed(actor(command), "image name is 5000 characters long");

        String stored = rows.lastAuditEvent().commandText();
        assertThat(stored).hasSizeLessThanOrEqualTo(4000).endsWith("(" + command.length() + " chars)");
    }
}
