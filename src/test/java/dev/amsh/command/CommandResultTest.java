package dev.amsh.command;

import dev.amsh.catalog.CatalogBusyException;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.CancelledException;
import dev.amsh.vocabulary.CatalogException;
import dev.amsh.vocabulary.ChangedMeanwhileException;
import dev.amsh.vocabulary.FailedException;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.RefusedException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One classification of how a command ended, for the exit code, the HTTP status and the audit row alike. */
class CommandResultTest {

    private final List<String> rows = new ArrayList<>();
    private final FailureRecorder recorder = new FailureRecorder() {
        @Override
        public void failed(Actor actor, String why) {
            rows.add("failed: " + why);
        }

        @Override
        public void interrupted(Actor actor, String why) {
            rows.add("interrupted: " + why);
        }

        @Override
        public void refusedByState(Actor actor, String why) {
            rows.add("refused: " + why);
        }
    };

    @Test
    void eachProblemHasItsExitCodeHttpStatusAndAuditRow() {
        assertResult(new RefusedException("D7 in use"), Exit.REFUSED, 409, List.of());
        assertResult(new CatalogException("image x not found"), Exit.REFUSED, 409, List.of("refused: image x not found"));
        assertResult(new ChangedMeanwhileException("application a changed meanwhile"), Exit.REFUSED, 409,
                List.of("refused: application a changed meanwhile"));
        assertResult(new FailedException("cannot read x"), Exit.FAILED, 503, List.of("failed: cannot read x"));
        assertResult(new CancelledException(), Exit.INTERRUPTED, 503,
                List.of("interrupted: " + new CancelledException().getMessage()));
        assertResult(new UsageException("bad"), Exit.USAGE, 400, List.of());
        assertResult(new InvalidValueException("bad name"), Exit.USAGE, 400, List.of());
        assertResult(new CatalogBusyException("held by pid 1"), Exit.REFUSED, 409, List.of("refused: held by pid 1"));
        assertResult(new IllegalStateException("boom\nat line 2"), Exit.FAILED, 500,
                List.of("failed: internal error: IllegalStateException: boom"));
    }

    @Test
    void aFailedCommandIsNoRefusalByTheCatalog() {
        assertThat(new FailedException("x")).isNotInstanceOf(CatalogException.class);
    }

    @Test
    void theDatabaseSaysBusyOrFailedInOneLine() {
        CommandResult busy = CommandResult.of(new PessimisticLockingFailureException("lock",
                new SQLException("A lock could not be obtained", "40XL1")));
        CommandResult broken = CommandResult.of(new DataIntegrityViolationException("x",
                new SQLException("constraint violated\nsecond line", "23505")));

        assertThat(busy.message()).isEqualTo("the catalog is busy with another session (40XL1); nothing was changed,"
                + " try again");
        assertThat(broken.message()).isEqualTo("catalog error: constraint violated; nothing was changed");
        assertThat(broken.exit()).isEqualTo(Exit.FAILED);
    }

    private void assertResult(RuntimeException problem, Object exit, int httpStatus, List<String> auditRows) {
        rows.clear();
        CommandResult result = CommandResult.of(problem);
        result.audit(recorder, Actor.of("test", "cmd"));

        assertThat(result.exit()).as(problem.toString()).isEqualTo(exit);
        assertThat(result.httpStatus()).as(problem.toString()).isEqualTo(httpStatus);
        assertThat(rows).as(problem.toString()).isEqualTo(auditRows);
    }
}
