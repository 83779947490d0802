-- Messages reach the search index in batches (search/SearchIndex), no longer one by one inside
-- every post's commit: FTS5 writes a new segment for each transaction, which made the index the
-- largest part of storing a message. search_progress holds the last message indexed; edits and
-- deletions need the index only for messages up to it (the later ones are indexed as they are).
-- PostgreSQL indexes an expression over messages.content itself: its version is empty.
CREATE TABLE search_progress (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_seq INTEGER NOT NULL
);
-- Until now the triggers indexed every message.
INSERT INTO search_progress (id, indexed_seq) VALUES (1, COALESCE((SELECT MAX(seq) FROM messages), 0));

DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_update;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
WHEN old.seq <= (SELECT indexed_seq FROM search_progress) BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages
WHEN old.seq <= (SELECT indexed_seq FROM search_progress) BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
    INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
END;
