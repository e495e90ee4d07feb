package dev.amsh.audit;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.util.List;

public interface AuditRepository extends Repository<AuditEvent, Long> {

    AuditEvent save(AuditEvent event);

    @Query("SELECT * FROM AUDIT_EVENT ORDER BY ID DESC FETCH FIRST :limit ROWS ONLY")
    List<AuditEvent> newest(@Param("limit") int limit);

    @Query("SELECT COUNT(*) FROM AUDIT_EVENT")
    long count();
}
