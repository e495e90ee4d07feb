package dev.amsh.audit;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.util.List;

public interface AuditRepository extends Repository<AuditEvent, Long> {

    /** Events are read here and appended by {@link AuditBatches}: never changed, never saved as aggregates. */
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
