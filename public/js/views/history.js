// Which part of a room's history the open room loads: the newest page, the page around one
// message, and what was stored while the connection was down.
import { api } from '../api.js';

export const PAGE = 50;
const AROUND = 25; // messages on each side of one opened from search

export async function newestPage(roomId) {
  const messages = await api.messages(roomId, { limit: PAGE });
  return { messages, hasMore: messages.length === PAGE, hasNewer: false };
}

/** `target` and up to AROUND messages on each side; `hasNewer` when the newest ones are not among them. */
export async function pageAround(roomId, target) {
  const [before, after] = await Promise.all([
    api.messages(roomId, { before: target.id, limit: AROUND }), api.messages(roomId, { after: target.id, limit: AROUND })]);
  return { messages: [...before, target, ...after], hasMore: before.length === AROUND, hasNewer: after.length === AROUND };
}

/**
 * Every message stored after `lastId` (the newest page when there is none), handed to `add` in
 * order while `stillOpen()`. A 400 means `lastId` is gone (the room was cleared): the caller reopens it.
 */
export async function fetchMissed(roomId, lastId, add, stillOpen) {
  if (!lastId) {
    const latest = await api.messages(roomId, { limit: PAGE });
    if (stillOpen()) latest.forEach(add);
    return;
  }
  for (let after = lastId; ;) {
    const page = await api.messages(roomId, { after, limit: 200 });
    if (!stillOpen()) return;
    page.forEach(add);
    if (page.length < 200) return;
    after = page[page.length - 1].id;
  }
}
