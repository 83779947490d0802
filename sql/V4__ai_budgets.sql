-- AI cost control (API.md Part 2, "Operator control").

-- What each answer cost, kept apart from the messages: clearing or deleting a room must not give
-- its users or the server their month's budget back. No foreign keys for the same reason.
CREATE TABLE ai_spend (
    id                TEXT PRIMARY KEY,
    room_id           TEXT NOT NULL,
    user_id           TEXT,
    model             TEXT NOT NULL,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    cost              DOUBLE PRECISION NOT NULL,
    cost_estimated    BOOLEAN NOT NULL,
    created_at        TEXT NOT NULL
);
CREATE INDEX ai_spend_created ON ai_spend(created_at);
CREATE INDEX ai_spend_room ON ai_spend(room_id, created_at);
CREATE INDEX ai_spend_user ON ai_spend(user_id, created_at);

-- A room owner's own monthly budget (settings.ai_budget_usd), at most AI_BUDGET_ROOM_USD.
ALTER TABLE rooms ADD COLUMN ai_budget_usd DOUBLE PRECISION;
