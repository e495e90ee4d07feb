--liquibase formatted sql

--changeset amsh:003-catalog-schema
-- The checksum of the changelog this catalog was last brought up to. amsh compares it with the
-- changelog in its jar at start-up and runs Liquibase only when they differ: a current catalog
-- then costs one query instead of Liquibase's start (seconds).
CREATE TABLE CATALOG_SCHEMA (
    ID SMALLINT NOT NULL PRIMARY KEY,
    CHANGELOG_CHECKSUM CHAR(64) NOT NULL,
    APPLIED_AT TIMESTAMP NOT NULL,
    CONSTRAINT CATALOG_SCHEMA_ONE_ROW CHECK (ID = 1)
);
