-- Schema for GroupChat2, PostgreSQL's version of sql/V1__init.sql: the same tables, with
-- messages.seq as BIGSERIAL where SQLite has INTEGER PRIMARY KEY AUTOINCREMENT.

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    username       TEXT NOT NULL,
    -- Uniqueness ignores case; kept as its own column so the index works on any database.
    username_key   TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    password_hash  TEXT,
    avatar_url     TEXT,
    nostr_pubkey   TEXT UNIQUE,
    created_at     TEXT NOT NULL
);

CREATE TABLE rooms (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    is_public        BOOLEAN NOT NULL DEFAULT FALSE,
    created_by       TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    ai_mode          TEXT NOT NULL DEFAULT 'mention',
    ai_model         TEXT,
    ai_system_prompt TEXT,
    ai_web_search    BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX rooms_public ON rooms(is_public);

CREATE TABLE room_members (
    room_id   TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_members_user ON room_members(user_id);

CREATE TABLE messages (
    -- Stored order. A sequence never hands out a value twice, so paging by position stays
    -- monotonic even after a room is cleared.
    seq                  BIGSERIAL PRIMARY KEY,
    id                   TEXT NOT NULL UNIQUE,
    room_id              TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL,
    user_id              TEXT REFERENCES users(id) ON DELETE SET NULL,
    content              TEXT NOT NULL,
    image_url            TEXT,
    reply_to             TEXT,
    client_msg_id        TEXT,
    hash                 TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    -- AI answers: the contract's `ai` object as JSON, plus the figures usage reports add up.
    ai_meta              TEXT,
    ai_triggered_by      TEXT REFERENCES users(id) ON DELETE SET NULL,
    ai_prompt_tokens     INTEGER,
    ai_completion_tokens INTEGER,
    ai_cost              DOUBLE PRECISION
);
CREATE INDEX messages_room_seq ON messages(room_id, seq);
CREATE INDEX messages_hash ON messages(hash);
CREATE UNIQUE INDEX messages_client_msg ON messages(room_id, user_id, client_msg_id)
    WHERE client_msg_id IS NOT NULL;

CREATE TABLE invites (
    token      TEXT PRIMARY KEY,
    room_id    TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    max_uses   INTEGER,
    uses       INTEGER NOT NULL DEFAULT 0,
    revoked    BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX invites_room ON invites(room_id);

CREATE TABLE nostr_challenges (
    challenge  TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

CREATE TABLE nostr_pending_invites (
    room_id    TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    pubkey     TEXT NOT NULL,
    invited_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (room_id, pubkey)
);
CREATE INDEX nostr_pending_pubkey ON nostr_pending_invites(pubkey);

-- Every file the server stored, so a message can only point at an image this server issued.
CREATE TABLE uploads (
    url          TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    uploaded_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL
);
