-- AI cost control (API.md Part 2, "Operator control").

-- Budgets add up the ai_usage ledger (V3) per room and per user before every answer.
CREATE INDEX ai_usage_room ON ai_usage(room_id, created_at);
CREATE INDEX ai_usage_user ON ai_usage(user_id, created_at);

-- A room owner's own monthly budget (settings.ai_budget_usd), at most AI_BUDGET_ROOM_USD.
ALTER TABLE rooms ADD COLUMN ai_budget_usd DOUBLE PRECISION;
