-- PostgreSQL's version of sql/V2__room_member_count.sql: the same column, backfill and index, with
-- the two triggers written as trigger functions.
ALTER TABLE rooms ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;

UPDATE rooms SET member_count = (SELECT COUNT(*) FROM room_members m WHERE m.room_id = rooms.id);

CREATE FUNCTION room_members_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE rooms SET member_count = member_count + 1 WHERE id = NEW.room_id;
    ELSE
        UPDATE rooms SET member_count = member_count - 1 WHERE id = OLD.room_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER room_members_counted AFTER INSERT ON room_members
    FOR EACH ROW EXECUTE FUNCTION room_members_count();

CREATE TRIGGER room_members_uncounted AFTER DELETE ON room_members
    FOR EACH ROW EXECUTE FUNCTION room_members_count();

-- Serves the public list's order (most members, then newest) so a page reads only its rows.
DROP INDEX rooms_public;
CREATE INDEX rooms_public_popular ON rooms(is_public, member_count DESC, created_at DESC, id);

-- The public list filters names with SQLite's instr(), which PostgreSQL spells strpos(): the same
-- function under SQLite's name keeps that DAO statement one statement for both databases.
CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT strpos(haystack, needle)';
