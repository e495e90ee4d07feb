package dev.amsh.image;

import dev.amsh.application.ApplicationService;
import dev.amsh.command.CommandCall;
import dev.amsh.command.Invocation;
import dev.amsh.image.rules.DeletionDecision;
import dev.amsh.image.rules.Refusal;
import dev.amsh.image.rules.Rule;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogSteps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

import static dev.amsh.support.CatalogSteps.actor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deletes decided together ({@link DeletionBatch}) on the real catalog: which lines it takes, each line
 * decided after the lines before it, where it stops, and what it leaves (rows and audit events).
 */
@ParameterizedClass
@EnumSource(value = CatalogBackend.class, names = {"EMBEDDED_DERBY", "DERBY_NETWORK", "POSTGRESQL"})
class DeletionBatchTest {

    private static final boolean STOP_AT_REFUSAL = true;
    private static final boolean CONTINUE = false;

    @Parameter
    CatalogBackend backend;

    DeletionBatch batch;
    CatalogFixture catalog;
    CatalogSteps given;
    TransactionTemplate transaction;
    final StringWriter out = new StringWriter();

    @BeforeEach
    void emptyCatalog() {
        batch = backend.bean(DeletionBatch.class);
        catalog = backend.bean(CatalogFixture.class);
        catalog.reset();
        given = new CatalogSteps(backend.bean(ImageService.class), backend.bean(ApplicationService.class));
        transaction = new TransactionTemplate(backend.bean(PlatformTransactionManager.class));
        // The first image of a type is its default, which a batch leaves to run alone.
        given.container("the-default");
        given.vm("the-vm-default");
    }

    @Test
    void takesConfirmedImageDeletesOnly() {
        assertThat(call("image delete jammy --yes", false)).isPresent();
        assertThat(call("amc image delete jammy -v 2 -f -y", false)).isPresent();
        assertThat(call("image delete jammy", true)).as("confirmed by the run's --yes").isPresent();
        assertThat(call("image delete jammy", false)).as("unconfirmed: asks, or is declined").isEmpty();
        assertThat(call("image delete jammy --yes --timeout 5s", false)).as("a lock wait of its own").isEmpty();
        assertThat(call("image delete jammy --yes --version -1", false)).as("a usage error").isEmpty();
        assertThat(call("image delete --help", false)).isEmpty();
        assertThat(call("image list", false)).isEmpty();
        assertThat(call("image delet jammy --yes", false)).isEmpty();
    }

    @Test
    void decidesEachLineAfterTheLinesBeforeIt() {
        given.containerWithVersions("jammy", 1);

        List<DeletionDecision> decisions = deleteInOrder(CONTINUE, "image delete jammy --version 0 --yes",
                "image delete jammy --version 1 --yes", "image delete jammy --yes");

        assertThat(decisions).hasSize(3);
        assertThat(decisions.get(0).allowed()).isTrue();
        assertThat(rules(decisions.get(1))).as("version 1 is the last one left").containsExactly(Rule.D4_LAST_VERSION);
        assertThat(decisions.get(2).removal().orElseThrow().versionNumbers()).containsExactly(1);
        assertThat(catalog.jdbc().queryForObject("SELECT COUNT(*) FROM IMAGE WHERE NAME = 'jammy'", Integer.class))
                .isZero();
        assertThat(catalog.jdbc().queryForList("SELECT COMMAND_TEXT FROM AUDIT_EVENT WHERE OUTCOME = 'done' "
                + "AND COMMAND_TEXT LIKE 'image delete%' ORDER BY ID", String.class))
                .as("an event for each line done, none for the refused one")
                .containsExactly("image delete jammy --version 0 --yes", "image delete jammy --yes");
    }

    @Test
    void aNameFindsTheVmImageOnceTheContainerImageIsGone() {
        given.container("noble");
        given.vm("noble");

        List<DeletionDecision> decisions = deleteInOrder(CONTINUE, "image delete noble --yes",
                "image delete noble --yes");

        assertThat(decisions).extracting(decision -> decision.removal().orElseThrow().displayName())
                .containsExactly("noble", "noble (vm)");
        assertThat(catalog.jdbc().queryForObject("SELECT COUNT(*) FROM IMAGE WHERE NAME = 'noble'", Integer.class))
                .isZero();
    }

    @Test
    void stopsBeforeALineItCannotDecideAlone() {
        given.container("focal");

        List<DeletionDecision> decisions = deleteInOrder(CONTINUE, "image delete focal --yes",
                "image delete focal --yes", "image delete the-default --yes");

        assertThat(decisions).as("the second names no image: its refusal suggests names from the catalog")
                .hasSize(1);
        assertThat(deleteInOrder(CONTINUE, "image delete the-default --yes"))
                .as("a type's default: its rules count the other images of its type").isEmpty();
    }

    @Test
    void withStopAtRefusalItStopsAfterTheFirstRefusalAndChangesNothingForIt() {
        given.container("bionic");
        given.application("app1", "bionic");
        given.container("focal");

        List<DeletionDecision> decisions = deleteInOrder(STOP_AT_REFUSAL, "image delete bionic --yes",
                "image delete focal --yes");

        assertThat(decisions).hasSize(1);
        assertThat(rules(decisions.get(0))).containsExactly(Rule.D7_IN_USE);
        assertThat(catalog.jdbc().queryForObject("SELECT COUNT(*) FROM IMAGE WHERE NAME IN ('bionic', 'focal')",
                Integer.class)).isEqualTo(2);
    }

    private Optional<CommandCall> call(String line, boolean runSaysYes) {
        Invocation invocation = Invocation.scripted(actor(line), new PrintWriter(out));
        return batch.plainDelete(line, new PrintWriter(out), runSaysYes ? invocation.assumingYes() : invocation);
    }

    private List<DeletionDecision> deleteInOrder(boolean stopAtRefusal, String... lines) {
        List<CommandCall> calls = List.of(lines).stream().map(line -> call(line, false).orElseThrow()).toList();
        return transaction.execute(status -> batch.deleteInOrder(calls, stopAtRefusal));
    }

    private static List<Rule> rules(DeletionDecision decision) {
        return decision.refusals().stream().map(Refusal::rule).toList();
    }
}
