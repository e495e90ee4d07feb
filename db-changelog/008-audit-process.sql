--liquibase formatted sql

--changeset amsh:008-audit-process
-- The OS process that asked for each change, beside its user: the service's client as the kernel
-- names it at the other end of the socket, or the process that ran the command. Events recorded
-- before stay NULL: nobody knows it for them.
ALTER TABLE AUDIT_EVENT ADD COLUMN OS_PID BIGINT;
ALTER TABLE AUDIT_EVENT ADD CONSTRAINT AUDIT_EVENT_OS_PID_POSITIVE CHECK (OS_PID > 0);
