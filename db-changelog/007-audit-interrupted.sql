--liquibase formatted sql

--changeset amsh:007-audit-interrupted
-- A command stopped by Ctrl-C is recorded as interrupted, not as failed: the operator chose to stop it.
ALTER TABLE AUDIT_EVENT DROP CONSTRAINT AUDIT_EVENT_OUTCOME_KNOWN;
ALTER TABLE AUDIT_EVENT ADD CONSTRAINT AUDIT_EVENT_OUTCOME_KNOWN
    CHECK (OUTCOME IN ('done', 'refused', 'failed', 'interrupted'));
