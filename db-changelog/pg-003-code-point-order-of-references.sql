--liquibase formatted sql

--changeset amsh:pg-003-code-point-order-of-references dbms:postgresql
-- PostgreSQL only: the columns that hold an image or application id compare in the id's own
-- code-point order (pg-001). In the database's locale a lookup by id (an image's versions, the
-- cascade when an image goes, the pins of a version) could not use their indexes and read the
-- whole table at every delete.
-- The trigger of pg-002 names IMAGE_VERSION.IMAGE_ID, which PostgreSQL then keeps from changing:
-- it goes and comes back unchanged, in this one transaction.
DROP TRIGGER IMAGE_VERSION_KEEPS_ITS_IMAGE ON IMAGE_VERSION;
ALTER TABLE IMAGE_VERSION ALTER COLUMN IMAGE_ID TYPE CHAR(20) COLLATE "C";
ALTER TABLE APPLICATION_VERSION ALTER COLUMN APPLICATION_ID TYPE CHAR(20) COLLATE "C";
ALTER TABLE APPLICATION_VERSION ALTER COLUMN IMAGE_ID TYPE CHAR(20) COLLATE "C";
CREATE CONSTRAINT TRIGGER IMAGE_VERSION_KEEPS_ITS_IMAGE AFTER DELETE OR UPDATE OF IMAGE_ID ON IMAGE_VERSION
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION IMAGE_KEEPS_A_VERSION();
-- Derby backs every foreign key with an index, PostgreSQL does not: removing a version looks up
-- whether an application pins it.
CREATE INDEX APPLICATION_VERSION_BY_PIN ON APPLICATION_VERSION (IMAGE_ID, IMAGE_VERSION);

--changeset amsh:pg-003-image-keeps-a-version-function dbms:postgresql splitStatements:false
-- PostgreSQL only: the check of pg-002 compares ids in their columns' order, so that it uses the
-- indexes too.
CREATE OR REPLACE FUNCTION IMAGE_KEEPS_A_VERSION() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    checked CHAR(20) COLLATE "C";
BEGIN
    IF TG_TABLE_NAME = 'image' THEN
        checked := NEW.ID;
    ELSE
        checked := OLD.IMAGE_ID;
    END IF;
    IF EXISTS (SELECT 1 FROM amsh.IMAGE WHERE ID = checked)
            AND NOT EXISTS (SELECT 1 FROM amsh.IMAGE_VERSION WHERE IMAGE_ID = checked) THEN
        RAISE EXCEPTION 'image % would be left without a version', checked
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END
$$;
