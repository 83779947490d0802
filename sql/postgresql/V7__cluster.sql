-- Several servers on one PostgreSQL (src/main/java/groupchat/cluster/). The tables exist on
-- SQLite too (sql/V7__cluster.sql), so both run the same migrations; only the cluster uses them.

-- Bus events too large for a NOTIFY payload (8000 bytes): the notification names the row.
-- Rows older than ten minutes are pruned by the listening servers.
CREATE TABLE bus_payloads (
    id         TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One AI answer per room across servers: the server running it holds the room's lease and
-- renews it; a dead server's lease lapses at expires_at. A trigger on another server while it
-- runs leaves its sender (id and name) in follow_up_by/_name, and the holder answers it next.
CREATE TABLE ai_leases (
    room_id      TEXT PRIMARY KEY,
    holder       TEXT NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    follow_up_by   TEXT,
    follow_up_name TEXT
);

-- Rate limits counted across servers (Bucket4j's PostgreSQL backend): one token bucket per
-- limit and key, its state serialized by Bucket4j.
CREATE TABLE rate_buckets (
    id         TEXT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
