--liquibase formatted sql

--changeset amsh:009-stored-counts
-- An image's number of versions and of applications using it, stored in its row so that a
-- listing sorted by either reads an index instead of counting for every image. The code that
-- changes the rows counted keeps them, in the same transaction, under the image's lock: the image
-- write port for versions, the application pins for users, and an import counts once at its end.
-- The checks keep a count from going below zero.
ALTER TABLE IMAGE ADD COLUMN VERSION_COUNT INT NOT NULL DEFAULT 0;
ALTER TABLE IMAGE ADD COLUMN USED_BY_COUNT INT NOT NULL DEFAULT 0;
UPDATE IMAGE SET VERSION_COUNT = (SELECT COUNT(*) FROM IMAGE_VERSION V WHERE V.IMAGE_ID = IMAGE.ID);
-- Only the images an application pins have users. Counting every image would keep a sort open per
-- image until the statement ends: Derby ran out of a gigabyte on a catalog of 100,000 images.
UPDATE IMAGE SET USED_BY_COUNT = (SELECT COUNT(DISTINCT AV.APPLICATION_ID) FROM APPLICATION_VERSION AV
    WHERE AV.IMAGE_ID = IMAGE.ID) WHERE ID IN (SELECT IMAGE_ID FROM APPLICATION_VERSION);
ALTER TABLE IMAGE ADD CONSTRAINT IMAGE_VERSION_COUNT_NOT_NEGATIVE CHECK (VERSION_COUNT >= 0);
ALTER TABLE IMAGE ADD CONSTRAINT IMAGE_USED_BY_COUNT_NOT_NEGATIVE CHECK (USED_BY_COUNT >= 0);

--changeset amsh:009-listing-flags-derby dbms:derby
-- Default and immutable as numbers the listing sorts by (0 then 1), kept by the database itself.
ALTER TABLE IMAGE ADD COLUMN DEFAULT_FLAG SMALLINT GENERATED ALWAYS AS (CASE WHEN DEFAULT_OF IS NULL THEN 0 ELSE 1 END);
ALTER TABLE IMAGE ADD COLUMN IMMUTABLE_FLAG SMALLINT GENERATED ALWAYS AS (CASE WHEN IMMUTABLE THEN 1 ELSE 0 END);

--changeset amsh:009-listing-flags-postgresql dbms:postgresql
-- As for Derby above, in PostgreSQL's words.
ALTER TABLE IMAGE ADD COLUMN DEFAULT_FLAG SMALLINT GENERATED ALWAYS AS (CASE WHEN DEFAULT_OF IS NULL THEN 0 ELSE 1 END) STORED;
ALTER TABLE IMAGE ADD COLUMN IMMUTABLE_FLAG SMALLINT GENERATED ALWAYS AS (CASE WHEN IMMUTABLE THEN 1 ELSE 0 END) STORED;

--changeset amsh:009-listing-indexes
-- Every column the listing sorts by, then name and type (unique together), so that a page in any
-- order is an index range scan from the key of the page before. Name, type and id have theirs.
CREATE INDEX IMAGE_BY_ARCHITECTURE ON IMAGE (ARCHITECTURE, NAME, TYPE);
CREATE INDEX IMAGE_BY_STATUS ON IMAGE (STATUS, NAME, TYPE);
CREATE INDEX IMAGE_BY_VERSION_COUNT ON IMAGE (VERSION_COUNT, NAME, TYPE);
CREATE INDEX IMAGE_BY_USED_BY_COUNT ON IMAGE (USED_BY_COUNT, NAME, TYPE);
CREATE INDEX IMAGE_BY_DEFAULT_FLAG ON IMAGE (DEFAULT_FLAG, NAME, TYPE);
CREATE INDEX IMAGE_BY_IMMUTABLE_FLAG ON IMAGE (IMMUTABLE_FLAG, NAME, TYPE);

--changeset amsh:009-listing-indexes-descending dbms:derby
-- Derby reads an index forwards only (PostgreSQL either way): each descending order has its own.
-- The listing names its index to Derby's optimizer, and the primary key's has no name: the id order
-- has one of its own (with the type, or Derby would take it for the key's and not make it).
CREATE INDEX IMAGE_BY_ID ON IMAGE (ID, TYPE);
CREATE INDEX IMAGE_BY_NAME_DESC ON IMAGE (NAME DESC, TYPE DESC);
CREATE INDEX IMAGE_BY_ID_DESC ON IMAGE (ID DESC);
CREATE INDEX IMAGE_BY_TYPE_NAME_DESC ON IMAGE (TYPE DESC, NAME DESC);
CREATE INDEX IMAGE_BY_ARCHITECTURE_DESC ON IMAGE (ARCHITECTURE DESC, NAME DESC, TYPE DESC);
CREATE INDEX IMAGE_BY_STATUS_DESC ON IMAGE (STATUS DESC, NAME DESC, TYPE DESC);
CREATE INDEX IMAGE_BY_VERSION_COUNT_DESC ON IMAGE (VERSION_COUNT DESC, NAME DESC, TYPE DESC);
CREATE INDEX IMAGE_BY_USED_BY_COUNT_DESC ON IMAGE (USED_BY_COUNT DESC, NAME DESC, TYPE DESC);
CREATE INDEX IMAGE_BY_DEFAULT_FLAG_DESC ON IMAGE (DEFAULT_FLAG DESC, NAME DESC, TYPE DESC);
CREATE INDEX IMAGE_BY_IMMUTABLE_FLAG_DESC ON IMAGE (IMMUTABLE_FLAG DESC, NAME DESC, TYPE DESC);
