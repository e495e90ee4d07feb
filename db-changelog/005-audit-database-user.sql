--liquibase formatted sql

--changeset amsh:005-audit-database-user
-- The user the database authenticated for each event, beside the OS user the client reports. The
-- database fills it in from the connection at insert time (amsh's insert never names the column),
-- so no client setting can change it. Events recorded before stay NULL: nobody knows it for them.
ALTER TABLE AUDIT_EVENT ADD COLUMN DATABASE_USER VARCHAR(128);
ALTER TABLE AUDIT_EVENT ALTER COLUMN DATABASE_USER SET DEFAULT CURRENT_USER;
