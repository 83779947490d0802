-- Several servers on one PostgreSQL (src/main/java/groupchat/cluster/); its version of this file
-- is sql/postgresql/V7__cluster.sql. The tables exist on SQLite too, so both have the same
-- schema, but nothing uses them there.

-- Bus events too large for a NOTIFY payload (8000 bytes): the notification names the row.
-- Rows older than ten minutes are pruned by the listening servers.
CREATE TABLE bus_payloads (
    id         TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- One AI answer per room across servers: the server running it holds the room's lease and
-- renews it; a dead server's lease lapses at expires_at. A trigger on another server while it
-- runs leaves its sender (id and name) in follow_up_by/_name, and the holder answers it next.
CREATE TABLE ai_leases (
    room_id      TEXT PRIMARY KEY,
    holder       TEXT NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    follow_up_by   TEXT,
    follow_up_name TEXT
);

-- Rate limits counted across servers (Bucket4j's PostgreSQL backend): one token bucket per
-- limit and key, its state serialized by Bucket4j.
CREATE TABLE rate_buckets (
    id         TEXT PRIMARY KEY,
    state      BLOB,
    expires_at BIGINT
);
