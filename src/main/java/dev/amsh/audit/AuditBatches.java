package dev.amsh.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** Audit events written in one JDBC batch: {@link AuditRepository#append}'s statement, once for many events. */
@Repository
class AuditBatches {

    /** One event's columns, clipped to fit. */
    record Event(Instant occurredAt, String osUser, Long osPid, String origin, String commandText, String outcome,
            String detail) {
    }

    private final JdbcTemplate jdbc;

    AuditBatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void append(List<Event> events) {
        jdbc.batchUpdate("""
                INSERT INTO AUDIT_EVENT (OCCURRED_AT, OS_USER, OS_PID, ORIGIN, COMMAND_TEXT, OUTCOME, DETAIL)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", events, events.size(), (row, event) -> {
            row.setTimestamp(1, Timestamp.from(event.occurredAt()));
            row.setString(2, event.osUser());
            if (event.osPid() == null) {
                row.setNull(3, Types.BIGINT);
            }
            else {
                row.setLong(3, event.osPid());
            }
            row.setString(4, event.origin());
            row.setString(5, event.commandText());
            row.setString(6, event.outcome());
            row.setString(7, event.detail());
        });
    }
}
