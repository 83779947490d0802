// What the client shows of the assistant: whether this server has one (GET /api/health says
// `ai: "off"` without OPENROUTER_API_KEY), its name, and what the room's AI mode lets it do.

/** True when a message in `room` can get an answer: the server has an assistant and the room has not turned it off. */
export function assistantAnswers(health, room) {
  return health.ai !== 'off' && room?.settings?.ai_mode !== 'off';
}

export function assistantName(health) {
  return health.ai_name || 'AI';
}

/** Short enough for one line on a phone: the notice and the room settings say the rest. */
export function composerPlaceholder(health, room) {
  const name = assistantName(health);
  if (health.ai === 'off') return 'Message (AI assistant off)';
  const mode = room?.settings?.ai_mode || 'mention';
  if (mode === 'off') return 'Message';
  if (mode === 'always') return `Message (${name} answers all)`;
  return `Message (type @${name} to ask)`;
}

/** Who @ completes to in `room`: the assistant when it can answer, then the other members by name. */
export function mentionCandidates(health, room, members, me) {
  const people = [...members.values()]
    .filter((m) => m.user.id !== me.id)
    .map((m) => ({ handle: m.user.username, name: m.user.display_name, avatar_url: m.user.avatar_url, ai: false }))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!assistantAnswers(health, room)) return people;
  return [{ handle: assistantName(health), name: `${assistantName(health)} (assistant)`, avatar_url: null, ai: true }, ...people];
}
