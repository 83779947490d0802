-- SQLite's search index is filled in batches from this version on (sql/V8__search_in_batches.sql).
-- PostgreSQL's is an index on an expression over messages.content, kept by the database itself:
-- the progress table exists so both have the same schema, but nothing uses it here.
CREATE TABLE search_progress (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_seq BIGINT NOT NULL
);
INSERT INTO search_progress (id, indexed_seq) VALUES (1, 0);
