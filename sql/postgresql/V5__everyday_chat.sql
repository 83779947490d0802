-- PostgreSQL's version of sql/V5__everyday_chat.sql: the same columns and tables, with the start
-- of a new member's read marker as a trigger function, and search through PostgreSQL's own
-- full-text search where SQLite has FTS5 (see search/SearchDao).

ALTER TABLE messages ADD COLUMN edited_at TEXT;
ALTER TABLE messages ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
-- The reactions as the API shows them (JSON, null when none), rewritten from message_reactions
-- in the same transaction as each change, so history pages read no second table.
ALTER TABLE messages ADD COLUMN reactions TEXT;

-- An edit changes the hash; the hashes a message had before keep resolving to it.
CREATE TABLE message_old_hashes (
    hash       TEXT NOT NULL,
    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    PRIMARY KEY (hash, message_id)
);
CREATE INDEX message_old_hashes_message ON message_old_hashes(message_id);

-- seq keeps the order in which reactions were added (the API lists emoji by first use).
CREATE TABLE message_reactions (
    seq        BIGSERIAL PRIMARY KEY,
    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    emoji      TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    UNIQUE (message_id, emoji, user_id)
);
CREATE INDEX message_reactions_user ON message_reactions(user_id);

-- Read marker: the seq of the last message the member has read. Unread messages are those
-- after it, counted along messages_room_seq from the marker, never over the whole room.
ALTER TABLE room_members ADD COLUMN last_read_seq BIGINT;
UPDATE room_members SET last_read_seq = (SELECT MAX(seq) FROM messages WHERE room_id = room_members.room_id);
-- A new member starts with everything read, however they were added (join, invite, Nostr, DM).
CREATE FUNCTION room_members_start_read() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.last_read_seq := (SELECT MAX(seq) FROM messages WHERE room_id = NEW.room_id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER room_members_start_read BEFORE INSERT ON room_members
    FOR EACH ROW EXECUTE FUNCTION room_members_start_read();

-- Direct rooms: direct_key is the two user ids, sorted and joined, so a pair has one room.
ALTER TABLE rooms ADD COLUMN kind TEXT NOT NULL DEFAULT 'group';
ALTER TABLE rooms ADD COLUMN direct_key TEXT;
CREATE UNIQUE INDEX rooms_direct_key ON rooms(direct_key);

-- Search: words ignoring case and accents. The configuration runs every word through unaccent
-- (a trusted extension in PostgreSQL's contrib, which Debian's postgresql package includes, so
-- the database's owner may create it), then keeps it whole (no stemming), like FTS5's unicode61
-- with remove_diacritics. The index is on an expression of content, so it follows every insert,
-- edit, tombstone and delete without triggers.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION groupchat_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION groupchat_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;
CREATE INDEX messages_search ON messages USING GIN (to_tsvector('groupchat_search', content));
