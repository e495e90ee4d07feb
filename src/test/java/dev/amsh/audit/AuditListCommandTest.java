package dev.amsh.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The table's user column: the OS user, and the database user where it says something more. */
class AuditListCommandTest {

    @Test
    void aNetworkCatalogsDatabaseUserIsShownBesideADifferentOsUser() {
        assertThat(AuditListCommand.tableUser(event("alice", "OPS"))).isEqualTo("alice as OPS");
    }

    @Test
    void theSameUserTwiceIsShownOnce() {
        assertThat(AuditListCommand.tableUser(event("ops", "OPS"))).isEqualTo("ops");
    }

    @Test
    void anEmbeddedCatalogsAnonymousConnectionAndOlderEventsShowTheOsUserAlone() {
        assertThat(AuditListCommand.tableUser(event("alice", "APP"))).isEqualTo("alice");
        assertThat(AuditListCommand.tableUser(event("alice", null))).isEqualTo("alice");
    }

    private static AuditEvent event(String osUser, String databaseUser) {
        return new AuditEvent(1L, Instant.EPOCH, osUser, 4242L, "one-shot", "image delete x --yes", "done", "", databaseUser);
    }
}
