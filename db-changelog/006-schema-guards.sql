--liquibase formatted sql

--changeset amsh:006-schema-guards
-- The database itself refuses values amsh never writes, so a direct SQL session on a shared
-- catalog cannot store what no command would. (One default per type and pins of existing versions
-- are guarded since 001: IMAGE_ONE_DEFAULT_PER_TYPE and APPLICATION_VERSION_PINS.) Every amsh has
-- written exactly these lower-case words and these counts, so existing catalogs pass.
ALTER TABLE IMAGE ADD CONSTRAINT IMAGE_STATUS_KNOWN
    CHECK (STATUS IN ('initializing', 'created', 'available', 'queued', 'active', 'deleted', 'error', 'unknown'));
ALTER TABLE IMAGE_VERSION ADD CONSTRAINT IMAGE_VERSION_STATUS_KNOWN
    CHECK (STATUS IN ('initializing', 'created', 'available', 'queued', 'active', 'deleted', 'error', 'unknown'));
ALTER TABLE IMAGE ADD CONSTRAINT IMAGE_NEXT_VERSION_NOT_NEGATIVE CHECK (NEXT_VERSION >= 0);
ALTER TABLE IMAGE ADD CONSTRAINT IMAGE_NAME_NOT_EMPTY CHECK (LENGTH(NAME) > 0);
ALTER TABLE APPLICATION ADD CONSTRAINT APPLICATION_NEXT_VERSION_NOT_NEGATIVE CHECK (NEXT_VERSION >= 0);
ALTER TABLE APPLICATION ADD CONSTRAINT APPLICATION_NAME_NOT_EMPTY CHECK (LENGTH(NAME) > 0);
ALTER TABLE APPLICATION_VERSION ADD CONSTRAINT APPLICATION_VERSION_NOT_NEGATIVE CHECK (VERSION >= 0);
ALTER TABLE AUDIT_EVENT ADD CONSTRAINT AUDIT_EVENT_OUTCOME_KNOWN CHECK (OUTCOME IN ('done', 'refused', 'failed'));
