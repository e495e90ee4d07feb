package dev.amsh.audit;

import dev.amsh.catalog.SqlWrite;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Audit events written by plain JDBC, one or a batch of many, with one statement: every command appends one,
 * and through a repository's proxy the binding and conversion of its seven values cost about as much as
 * the insert.
 */
@Repository
class AuditBatches {

    /** One event's columns, clipped to fit. */
    record Event(Instant occurredAt, String osUser, Long osPid, String origin, String commandText, String outcome,
            String detail) {
    }

    private static final String INSERT = """
            INSERT INTO AUDIT_EVENT (OCCURRED_AT, OS_USER, OS_PID, ORIGIN, COMMAND_TEXT, OUTCOME, DETAIL)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    AuditBatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void append(Event event) {
        jdbc.update(INSERT, row -> bind(row, event));
    }

    /** The insert of {@link #append(Event)}, not sent yet. */
    static SqlWrite insertOf(Event event) {
        return new SqlWrite(INSERT, Arrays.asList(new SqlParameterValue(Types.TIMESTAMP,
                Timestamp.from(event.occurredAt())), event.osUser(), new SqlParameterValue(Types.BIGINT, event.osPid()),
                event.origin(), event.commandText(), event.outcome(), event.detail()));
    }

    void append(List<Event> events) {
        jdbc.batchUpdate(INSERT, events, events.size(), AuditBatches::bind);
    }

    private static void bind(PreparedStatement row, Event event) throws SQLException {
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
    }
}
