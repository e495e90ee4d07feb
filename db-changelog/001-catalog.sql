--liquibase formatted sql

--changeset amsh:001-image-type
-- One row per image type. Every transaction that adds, removes or switches images of a type
-- locks its row first, so the "one default per type" invariant cannot be broken by interleaving.
CREATE TABLE IMAGE_TYPE (
    TYPE VARCHAR(16) NOT NULL PRIMARY KEY,
    -- Bumped by every change to the type's images; the update is also what takes the lock.
    CHANGES BIGINT NOT NULL DEFAULT 0
);
INSERT INTO IMAGE_TYPE (TYPE) VALUES ('container');
INSERT INTO IMAGE_TYPE (TYPE) VALUES ('vm');

--changeset amsh:001-image
CREATE TABLE IMAGE (
    ID CHAR(20) NOT NULL PRIMARY KEY,
    NAME VARCHAR(100) NOT NULL,
    TYPE VARCHAR(16) NOT NULL REFERENCES IMAGE_TYPE (TYPE),
    ARCHITECTURE VARCHAR(16) NOT NULL,
    STATUS VARCHAR(16) NOT NULL,
    -- The image's type while it is that type's default, else NULL: the unique constraint lets
    -- the database itself refuse a second default of a type.
    DEFAULT_OF VARCHAR(16),
    IMMUTABLE BOOLEAN NOT NULL,
    CREATED_AT TIMESTAMP NOT NULL,
    -- Version numbers are never reused: the next one is kept here, not derived from the rows.
    NEXT_VERSION INT NOT NULL,
    CONSTRAINT IMAGE_NAME_PER_TYPE UNIQUE (NAME, TYPE),
    CONSTRAINT IMAGE_ONE_DEFAULT_PER_TYPE UNIQUE (DEFAULT_OF),
    CONSTRAINT IMAGE_DEFAULT_OF_OWN_TYPE CHECK (DEFAULT_OF IS NULL OR DEFAULT_OF = TYPE),
    CONSTRAINT IMAGE_TYPE_KNOWN CHECK (TYPE IN ('container', 'vm')),
    CONSTRAINT IMAGE_ARCH_KNOWN CHECK (ARCHITECTURE IN ('x86_64', 'aarch64'))
);
-- NAME, TYPE is indexed by its constraint; completion also scans by TYPE then NAME prefix.
CREATE INDEX IMAGE_BY_TYPE_NAME ON IMAGE (TYPE, NAME);

--changeset amsh:001-image-version
CREATE TABLE IMAGE_VERSION (
    IMAGE_ID CHAR(20) NOT NULL REFERENCES IMAGE (ID) ON DELETE CASCADE,
    VERSION INT NOT NULL,
    SIZE BIGINT NOT NULL,
    SHA256 CHAR(64) NOT NULL,
    STATUS VARCHAR(16) NOT NULL,
    RELEASE_NAME VARCHAR(100),
    CREATED_AT TIMESTAMP NOT NULL,
    PRIMARY KEY (IMAGE_ID, VERSION),
    CONSTRAINT IMAGE_VERSION_NOT_NEGATIVE CHECK (VERSION >= 0 AND SIZE >= 0)
);

--changeset amsh:001-application
CREATE TABLE APPLICATION (
    ID CHAR(20) NOT NULL PRIMARY KEY,
    NAME VARCHAR(100) NOT NULL CONSTRAINT APPLICATION_NAME_UNIQUE UNIQUE,
    CREATED_AT TIMESTAMP NOT NULL,
    NEXT_VERSION INT NOT NULL
);

--changeset amsh:001-application-version
-- An application version pins one image version. The foreign key (no cascade) makes the
-- database refuse to remove a pinned image version, beneath rule D7.
CREATE TABLE APPLICATION_VERSION (
    APPLICATION_ID CHAR(20) NOT NULL REFERENCES APPLICATION (ID) ON DELETE CASCADE,
    VERSION INT NOT NULL,
    IMAGE_ID CHAR(20) NOT NULL,
    IMAGE_VERSION INT NOT NULL,
    CREATED_AT TIMESTAMP NOT NULL,
    PRIMARY KEY (APPLICATION_ID, VERSION),
    CONSTRAINT APPLICATION_VERSION_PINS FOREIGN KEY (IMAGE_ID, IMAGE_VERSION)
        REFERENCES IMAGE_VERSION (IMAGE_ID, VERSION)
);

--changeset amsh:001-audit-event
CREATE TABLE AUDIT_EVENT (
    ID BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    OCCURRED_AT TIMESTAMP NOT NULL,
    OS_USER VARCHAR(100) NOT NULL,
    ORIGIN VARCHAR(1000) NOT NULL,
    COMMAND_TEXT VARCHAR(4000) NOT NULL,
    OUTCOME VARCHAR(16) NOT NULL,
    DETAIL VARCHAR(32000) NOT NULL
);
