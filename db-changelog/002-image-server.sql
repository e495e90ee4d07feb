--liquibase formatted sql

--changeset amsh:002-image-server
-- Where the image server's index is, and when it was last synchronized. Exactly one row, present
-- from the start, so that setting the location is always an UPDATE (no insert race between
-- sessions) and the update also serializes concurrent syncs.
CREATE TABLE IMAGE_SERVER (
    ID SMALLINT NOT NULL PRIMARY KEY,
    -- An absolute path or an http(s)/file URL; NULL until 'image server set'.
    LOCATION VARCHAR(4000),
    LAST_SYNC_AT TIMESTAMP,
    CONSTRAINT IMAGE_SERVER_ONE_ROW CHECK (ID = 1)
);
INSERT INTO IMAGE_SERVER (ID) VALUES (1);

--changeset amsh:002-image-version-source
-- Where a synchronized version's content lives (absolute path or URL), for 'image sync' to
-- verify it; NULL for versions added from a local file.
ALTER TABLE IMAGE_VERSION ADD COLUMN SOURCE VARCHAR(4000);
