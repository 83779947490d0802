-- The member count lives on the room row, so the public room list reads it instead of counting
-- each room's members. Triggers keep it true however a membership changes (joins, invites,
-- removals, and the cascades of a deleted user). Trigger syntax is SQLite's: PostgreSQL needs
-- the same two triggers written as a trigger function.
ALTER TABLE rooms ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;

UPDATE rooms SET member_count = (SELECT COUNT(*) FROM room_members m WHERE m.room_id = rooms.id);

CREATE TRIGGER room_members_counted AFTER INSERT ON room_members
BEGIN
    UPDATE rooms SET member_count = member_count + 1 WHERE id = NEW.room_id;
END;

CREATE TRIGGER room_members_uncounted AFTER DELETE ON room_members
BEGIN
    UPDATE rooms SET member_count = member_count - 1 WHERE id = OLD.room_id;
END;

-- Serves the public list's order (most members, then newest) so a page reads only its rows.
DROP INDEX rooms_public;
CREATE INDEX rooms_public_popular ON rooms(is_public, member_count DESC, created_at DESC, id);
