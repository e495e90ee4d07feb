--liquibase formatted sql

--changeset amsh:pg-004-stored-counts-functions dbms:postgresql splitStatements:false
-- PostgreSQL only: the triggers that keep the counts of 008 (Derby has its own there). Versions are
-- counted one by one; an update waiting on the image's row adds to the row as it was committed.
-- The users of an image are distinct applications, counted again from the pins once the image's
-- row is locked, so that the count, read after the wait, sees every pin committed before it.
CREATE FUNCTION IMAGE_VERSION_COUNTED() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE amsh.IMAGE SET VERSION_COUNT = VERSION_COUNT - 1 WHERE ID = OLD.IMAGE_ID;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE amsh.IMAGE SET VERSION_COUNT = VERSION_COUNT + 1 WHERE ID = NEW.IMAGE_ID;
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION IMAGE_USERS_RECOUNTED(counted CHAR(20)) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM amsh.IMAGE WHERE ID = counted FOR UPDATE;
    UPDATE amsh.IMAGE SET USED_BY_COUNT = (SELECT COUNT(DISTINCT APPLICATION_ID) FROM amsh.APPLICATION_VERSION
        WHERE IMAGE_ID = counted) WHERE ID = counted;
END
$$;
CREATE FUNCTION IMAGE_PINS_COUNTED() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM amsh.IMAGE_USERS_RECOUNTED(OLD.IMAGE_ID);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM amsh.IMAGE_USERS_RECOUNTED(NEW.IMAGE_ID);
    END IF;
    RETURN NULL;
END
$$;

--changeset amsh:pg-004-stored-counts-triggers dbms:postgresql
CREATE TRIGGER IMAGE_VERSION_COUNTED AFTER INSERT OR DELETE OR UPDATE OF IMAGE_ID ON IMAGE_VERSION
    FOR EACH ROW EXECUTE FUNCTION IMAGE_VERSION_COUNTED();
CREATE TRIGGER IMAGE_PINS_COUNTED AFTER INSERT OR DELETE OR UPDATE OF IMAGE_ID, APPLICATION_ID ON APPLICATION_VERSION
    FOR EACH ROW EXECUTE FUNCTION IMAGE_PINS_COUNTED();
