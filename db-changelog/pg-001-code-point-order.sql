--liquibase formatted sql

--changeset amsh:pg-001-code-point-order dbms:postgresql
-- PostgreSQL only: Derby compares text by code point, PostgreSQL by the database's locale unless
-- told otherwise. In code-point order the prefix ranges of completion and listing (NAME >= 'ab'
-- AND NAME < 'ab' followed by U+FFFF) hold exactly the names that start with the prefix, every
-- listing comes in the order Derby gives, and the existing (NAME, TYPE) and (TYPE, NAME) indexes
-- serve those range scans (an index in a locale's order could not).
ALTER TABLE IMAGE_TYPE ALTER COLUMN TYPE TYPE VARCHAR(16) COLLATE "C";
ALTER TABLE IMAGE ALTER COLUMN ID TYPE CHAR(20) COLLATE "C";
ALTER TABLE IMAGE ALTER COLUMN NAME TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE IMAGE ALTER COLUMN TYPE TYPE VARCHAR(16) COLLATE "C";
ALTER TABLE APPLICATION ALTER COLUMN ID TYPE CHAR(20) COLLATE "C";
ALTER TABLE APPLICATION ALTER COLUMN NAME TYPE VARCHAR(100) COLLATE "C";
