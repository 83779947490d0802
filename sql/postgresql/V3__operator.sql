-- PostgreSQL's version of sql/V3__operator.sql: the same tables and backfill, with the model read
-- from the stored `ai` object by ->> instead of json_extract, and the trigger as a trigger function.

ALTER TABLE users ADD COLUMN is_admin BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN last_seen_at TEXT;

-- A server that existed before admins did: its first account is its admin, as on a new server.
UPDATE users SET is_admin = TRUE
 WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1);

-- One row per token issued (id = the token's jti), so a token can be revoked on its own (logout)
-- or with all of its user's others (password change, disabling). Revoked rows are kept until they
-- expire: the server loads them into memory at start and polls for new ones, which is how it
-- notices a revocation made by the admin CLI while it runs.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_revoked ON sessions(revoked_at) WHERE revoked_at IS NOT NULL;

-- What the assistant cost, one row per stored answer. Unlike the messages it is copied from, it
-- outlives a cleared or deleted room and a deleted user: what was spent stays spent. A trigger
-- records every answer
-- whichever code path stored it.
CREATE TABLE ai_usage (
    message_id        TEXT PRIMARY KEY,
    room_id           TEXT NOT NULL,
    user_id           TEXT,
    model             TEXT,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost              DOUBLE PRECISION NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL
);
CREATE INDEX ai_usage_created ON ai_usage(created_at);

INSERT INTO ai_usage (message_id, room_id, user_id, model, prompt_tokens, completion_tokens, cost, created_at)
SELECT id, room_id, ai_triggered_by, ai_meta::json ->> 'model', COALESCE(ai_prompt_tokens, 0),
       COALESCE(ai_completion_tokens, 0), COALESCE(ai_cost, 0), created_at
  FROM messages WHERE kind = 'ai';

CREATE FUNCTION ai_usage_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ai_usage (message_id, room_id, user_id, model, prompt_tokens, completion_tokens, cost, created_at)
    VALUES (NEW.id, NEW.room_id, NEW.ai_triggered_by, NEW.ai_meta::json ->> 'model',
            COALESCE(NEW.ai_prompt_tokens, 0), COALESCE(NEW.ai_completion_tokens, 0), COALESCE(NEW.ai_cost, 0),
            NEW.created_at);
    RETURN NULL;
END;
$$;

CREATE TRIGGER ai_usage_record AFTER INSERT ON messages
    FOR EACH ROW WHEN (NEW.kind = 'ai') EXECUTE FUNCTION ai_usage_record();
