-- Everyday chat: edits and tombstones, reactions, read markers, direct rooms, full-text search.
-- The search index (FTS5) and the triggers are SQLite's own dialect.

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
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    emoji      TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    UNIQUE (message_id, emoji, user_id)
);
CREATE INDEX message_reactions_user ON message_reactions(user_id);

-- Read marker: the seq of the last message the member has read. Unread messages are those
-- after it, counted along messages_room_seq from the marker, never over the whole room.
ALTER TABLE room_members ADD COLUMN last_read_seq INTEGER;
UPDATE room_members SET last_read_seq = (SELECT MAX(seq) FROM messages WHERE room_id = room_members.room_id);
-- A new member starts with everything read, however they were added (join, invite, Nostr, DM).
CREATE TRIGGER room_members_start_read AFTER INSERT ON room_members BEGIN
    UPDATE room_members SET last_read_seq = (SELECT MAX(seq) FROM messages WHERE room_id = new.room_id)
    WHERE room_id = new.room_id AND user_id = new.user_id;
END;

-- Direct rooms: direct_key is the two user ids, sorted and joined, so a pair has one room.
ALTER TABLE rooms ADD COLUMN kind TEXT NOT NULL DEFAULT 'group';
ALTER TABLE rooms ADD COLUMN direct_key TEXT;
CREATE UNIQUE INDEX rooms_direct_key ON rooms(direct_key);

-- Search: an external-content index over messages.content (no second copy of the text), kept
-- in step by triggers on every insert, edit, tombstone, clear and room deletion.
CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, content = 'messages', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
    INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
END;
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
