package dev.amsh.audit;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;

public interface AuditRepository extends Repository<AuditEvent, Long> {

    /**
     * Appends an event. Events are never changed, and a plain insert skips the aggregate save's
     * machinery (callbacks, generated-key retrieval), a fifth of a replayed delete's time.
     */
    @Modifying
    @Query("""
            INSERT INTO AUDIT_EVENT (OCCURRED_AT, OS_USER, OS_PID, ORIGIN, COMMAND_TEXT, OUTCOME, DETAIL)
            VALUES (:occurredAt, :osUser, :osPid, :origin, :commandText, :outcome, :detail)""")
    int append(@Param("occurredAt") Instant occurredAt, @Param("osUser") String osUser, @Param("osPid") Long osPid,
            @Param("origin") String origin,
            @Param("commandText") String commandText, @Param("outcome") String outcome,
            @Param("detail") String detail);

    @Query("SELECT * FROM AUDIT_EVENT ORDER BY ID DESC FETCH FIRST :limit ROWS ONLY")
    List<AuditEvent> newest(@Param("limit") int limit);

    @Query("SELECT * FROM AUDIT_EVENT WHERE ID < :before ORDER BY ID DESC FETCH FIRST :limit ROWS ONLY")
    List<AuditEvent> newestBefore(@Param("before") long before, @Param("limit") int limit);

    @Query("""
            SELECT * FROM AUDIT_EVENT WHERE ID < :before AND OUTCOME = :outcome
            ORDER BY ID DESC FETCH FIRST :limit ROWS ONLY""")
    List<AuditEvent> newestBefore(@Param("before") long before, @Param("outcome") String outcome,
            @Param("limit") int limit);

    @Query("SELECT COUNT(*) FROM AUDIT_EVENT")
    long count();
}
