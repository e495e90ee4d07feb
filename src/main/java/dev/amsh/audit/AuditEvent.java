package dev.amsh.audit;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/**
 * One command that changed or tried to change the catalog.
 *
 * @param osPid the OS process that asked; null when it was not known (events from before it was kept)
 * @param detail what was removed or changed, or each refusal reason, one per line
 * @param databaseUser the user the database authenticated for the insert; null for events from before it was kept
 */
@Table("AUDIT_EVENT")
public record AuditEvent(@Id Long id, Instant occurredAt, String osUser, Long osPid, String origin,
        String commandText, String outcome, String detail, String databaseUser) {
}
