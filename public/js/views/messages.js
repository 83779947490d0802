// How one message looks: author, time, the message it replies to, Markdown body (or the tombstone
// of a deleted one), "(edited)", image, reactions, the AI's usage on hover, and its actions
// (reply, react, edit, delete).
import { h, avatar, icon, formatTime, formatDay } from '../dom.js';
import { setMarkdown } from '../markdown.js';
import { reactionRow } from './reactions.js';

const GROUP_WINDOW_MS = 5 * 60_000;

function authorKey(msg) {
  return msg.kind === 'user' ? 'u:' + msg.user_id : msg.kind;
}

function sameDay(a, b) {
  return new Date(a.created_at).toDateString() === new Date(b.created_at).toDateString();
}

/**
 * Elements for `msg`: a day separator when the day changes, then the message itself.
 * `actions` (optional) = {reply(msg), jump(id), find(id) -> msg or null, fetch(id) -> Promise<msg or null>,
 * and for stored messages canEdit(msg), canDelete(msg), edit(msg, el), remove(msg) and those reactionRow needs}.
 */
export function messageElements(msg, prev, actions) {
  const out = [];
  if (!prev || !sameDay(prev, msg)) {
    out.push(h('div', { class: 'day-sep' }, h('span', { text: formatDay(msg.created_at) })));
  }
  if (msg.kind === 'system') {
    out.push(h('div', { class: 'msg-system', dataset: { id: msg.id, kind: 'system' }, title: new Date(msg.created_at).toLocaleString() },
      h('span', { text: msg.content })));
    return out;
  }
  // A reply starts a new group, so its quote sits under the name of whoever is replying.
  const grouped = prev && !msg.reply_to && prev.kind !== 'system' && sameDay(prev, msg) && authorKey(prev) === authorKey(msg)
    && new Date(msg.created_at) - new Date(prev.created_at) < GROUP_WINDOW_MS;
  out.push(messageElement(msg, grouped, actions));
  return out;
}

export function messageElement(msg, grouped = false, actions = null) {
  const isAi = msg.kind === 'ai';
  const name = msg.display_name || msg.username || (isAi ? 'AI' : 'Unknown');
  const body = h('div', { class: 'msg-body' });
  if (!grouped) {
    body.append(h('div', { class: 'msg-head' },
      actions?.person && msg.kind === 'user' && msg.user_id
        ? h('button', { class: 'msg-author link-author', type: 'button', title: `${name}: send a direct message`, dataset: { action: 'person' }, onclick: () => actions.person(msg), text: name })
        : h('span', { class: 'msg-author', text: name }),
      isAi ? h('span', { class: 'tag', text: 'AI' }) : null,
      h('time', { class: 'msg-time', datetime: msg.created_at, title: new Date(msg.created_at).toLocaleString(), text: formatTime(msg.created_at) })));
  }
  if (msg.reply_to && actions) body.append(replyQuote(msg.reply_to, actions));
  if (msg.deleted) {
    body.append(h('div', { class: 'msg-content msg-tombstone', text: 'message deleted' }));
  } else if (msg.content) {
    const content = h('div', { class: 'msg-content markdown' });
    setMarkdown(content, msg.content);
    if (msg.edited_at) editedMark(content, msg.edited_at);
    body.append(content);
  }
  if (msg.image_url) {
    body.append(h('a', { class: 'msg-image', href: msg.image_url, target: '_blank', rel: 'noopener noreferrer' },
      h('img', { src: msg.image_url, alt: 'Shared image', loading: 'lazy' })));
  }
  const reactions = reactionRow(msg, actions);
  if (reactions) body.append(reactions);
  if (isAi && msg.ai && !msg.deleted) body.append(usageElement(msg.ai));
  const tools = actions?.reply && !msg.deleted ? actionBar(msg, actions) : null;
  return h('article', {
    class: `msg msg-${msg.kind}${grouped ? ' msg-grouped' : ''}${msg.deleted ? ' msg-deleted' : ''}`,
    dataset: { id: msg.id, kind: msg.kind, clientMsgId: msg.client_msg_id || '' },
  },
  h('div', { class: 'msg-gutter' }, grouped
    ? h('time', { class: 'msg-time-hover', text: formatTime(msg.created_at) })
    : avatar(name, msg.avatar_url, { ai: isAi })),
  body, tools);
}

/** "(edited)" at the end of the text's last paragraph (its own line after a list or code). */
function editedMark(content, editedAt) {
  const mark = h('span', { class: 'msg-edited', title: `Edited ${new Date(editedAt).toLocaleString()}`, text: '(edited)' });
  const last = content.lastElementChild;
  if (last && last.tagName === 'P') last.append(' ', mark); else content.append(mark);
}

/** Reply and react for every stored message; edit for my own, delete for mine or as the room's owner/admin. */
function actionBar(msg, actions) {
  const button = (action, label, iconName, onclick) =>
    h('button', { class: 'msg-action', type: 'button', title: label, 'aria-label': label, dataset: { action }, onclick }, icon(iconName));
  return h('div', { class: 'msg-actions' },
    actions.pickReaction ? button('react', 'Add a reaction', 'smile', (e) => actions.pickReaction(msg, e.currentTarget)) : null,
    button('reply', 'Reply', 'reply', () => actions.reply(msg)),
    actions.canEdit?.(msg) ? button('edit', 'Edit', 'edit', (e) => actions.edit(msg, e.currentTarget.closest('.msg'))) : null,
    actions.canDelete?.(msg) ? button('delete', 'Delete', 'trash', () => actions.remove(msg)) : null);
}

/** The line above a reply: who wrote the original and how it began; a click jumps to it. */
function replyQuote(parentId, actions) {
  const quote = h('button', { class: 'reply-quote', type: 'button', title: 'Show the original message', dataset: { action: 'jump-to-original', replyTo: parentId }, onclick: () => actions.jump(parentId) });
  const fill = (parent) => quote.replaceChildren(icon('reply'), ...quoteParts(parent));
  const loaded = actions.find(parentId);
  if (loaded) fill(loaded);
  else {
    fill(null);
    actions.fetch(parentId).then((parent) => { if (parent) fill(parent); });
  }
  return quote;
}

/** [author, excerpt] of the message being replied to (null while unknown). */
export function quoteParts(msg) {
  if (!msg) return [h('span', { class: 'reply-excerpt', text: 'an earlier message' })];
  const author = msg.display_name || msg.username || (msg.kind === 'ai' ? 'AI' : 'System');
  return [h('strong', { class: 'reply-author', text: author }), h('span', { class: 'reply-excerpt', text: excerpt(msg) })];
}

/** The start of a message as one line of plain text: enough to recognise it (an "_" inside a word, as in a username, stays). */
export function excerpt(msg, max = 120) {
  if (msg.deleted) return 'message deleted';
  const text = (msg.content || '').replace(/```[\s\S]*?(```|$)/g, ' [code] ').replace(/[*`>#~]+/g, '').replace(/(^|[^\p{L}\p{N}_])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1').replace(/\s+/g, ' ').trim();
  if (!text) return msg.image_url ? '[image]' : '';
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** The usage of one AI answer, shown on hover (always on touch screens). */
export function usageElement(ai) {
  const parts = [];
  if (ai.model) parts.push(ai.model);
  if (ai.total_tokens != null) parts.push(`${ai.prompt_tokens ?? '?'} in / ${ai.completion_tokens ?? '?'} out tokens`);
  if (ai.cost != null) parts.push(`$${Number(ai.cost).toFixed(ai.cost < 0.01 ? 6 : 4)}`);
  if (ai.latency_ms != null) parts.push(`${(ai.latency_ms / 1000).toFixed(1)} s`);
  if (ai.tool_calls && ai.tool_calls.length) parts.push(`${ai.tool_calls.length} tool call${ai.tool_calls.length === 1 ? '' : 's'}`);
  if (ai.error) parts.push(`error: ${ai.error}`);
  const text = parts.join(' · ');
  return h('div', { class: 'msg-usage', title: text, tabindex: '0', text });
}

/** A human-readable line for a tool call the AI is making. */
export function toolText(tool, args) {
  let a = args;
  if (typeof a === 'string') {
    try { a = JSON.parse(a); } catch { /* keep the raw string */ }
  }
  const pick = (k) => (a && typeof a === 'object' ? a[k] : a) || '';
  if (tool === 'web_search') return `searching for “${pick('query')}”`;
  if (tool === 'fetch_page') return `reading ${pick('url')}`;
  return `using ${tool}`;
}

/** The bubble an AI answer streams into until ai_stream_end replaces it. */
export function streamBubble(model, name = 'AI') {
  const content = h('div', { class: 'msg-content markdown' });
  const tools = h('ul', { class: 'tool-list' });
  const el = h('article', { class: 'msg msg-ai msg-streaming', dataset: { kind: 'ai-stream' } },
    h('div', { class: 'msg-gutter' }, avatar('AI', null, { ai: true })),
    h('div', { class: 'msg-body' },
      h('div', { class: 'msg-head' },
        h('span', { class: 'msg-author', text: name }), h('span', { class: 'tag', text: 'AI' }),
        model ? h('span', { class: 'msg-time', text: model }) : null),
      tools, content, h('span', { class: 'caret', 'aria-hidden': 'true' })));
  return { el, content, tools };
}
