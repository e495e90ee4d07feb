--liquibase formatted sql

--changeset amsh:pg-002-image-keeps-a-version-function dbms:postgresql splitStatements:false
-- PostgreSQL only: Derby cannot check a condition across two tables at commit, PostgreSQL can
-- (a deferred constraint trigger). An image and its first version are inserted in one transaction,
-- and a whole image goes with its versions, so the check waits for the commit: then an image that
-- still exists must have a version, whoever changed the rows.
CREATE FUNCTION IMAGE_KEEPS_A_VERSION() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    checked CHAR(20);
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

--changeset amsh:pg-002-image-keeps-a-version-triggers dbms:postgresql
-- PostgreSQL only, as above: a new image, and a version removed or moved from its image.
CREATE CONSTRAINT TRIGGER IMAGE_KEEPS_A_VERSION AFTER INSERT ON IMAGE
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION IMAGE_KEEPS_A_VERSION();
CREATE CONSTRAINT TRIGGER IMAGE_VERSION_KEEPS_ITS_IMAGE AFTER DELETE OR UPDATE OF IMAGE_ID ON IMAGE_VERSION
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION IMAGE_KEEPS_A_VERSION();
