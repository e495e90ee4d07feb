--liquibase formatted sql

--changeset amsh:004-version-statuses
-- Each version carries its own status from now on. Catalogs made before left every version
-- 'available'; bring them in line with what amsh now records.
-- A local image's content was read and checked when it was added or updated: it and its versions
-- are active.
UPDATE IMAGE_VERSION SET STATUS = 'active'
    WHERE STATUS = 'available' AND IMAGE_ID IN (SELECT ID FROM IMAGE WHERE IMMUTABLE = FALSE);
UPDATE IMAGE SET STATUS = 'active' WHERE STATUS = 'available' AND IMMUTABLE = FALSE;
-- A synchronized image that is active or in error got that status from the check of its newest
-- version: that version carries the result. Its older versions were never checked and stay available.
UPDATE IMAGE_VERSION SET STATUS = (SELECT I.STATUS FROM IMAGE I WHERE I.ID = IMAGE_VERSION.IMAGE_ID)
    WHERE STATUS = 'available'
      AND VERSION = (SELECT MAX(W.VERSION) FROM IMAGE_VERSION W WHERE W.IMAGE_ID = IMAGE_VERSION.IMAGE_ID)
      AND IMAGE_ID IN (SELECT ID FROM IMAGE WHERE IMMUTABLE = TRUE AND STATUS IN ('active', 'error'));
