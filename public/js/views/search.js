// Message search: a box in the sidebar, results in a dialog (snippet, room, author, time); a
// result opens its room at that message.
import { api } from '../api.js';
import { h, clear, modal, icon, formatDay, formatTime, errorText } from '../dom.js';
import { roomLabel } from './directRooms.js';

const LIMIT = 50;

/** The sidebar's search field; Enter opens the results. */
export function searchBox(app) {
  const input = h('input', { class: 'search-input', type: 'search', name: 'q', placeholder: 'Search messages', 'aria-label': 'Search messages', maxLength: 500 });
  return h('form', { class: 'search-box', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    if (!input.value.trim()) return;
    openSearch(app, input.value.trim());
    input.value = '';
  } }, icon('search'), input);
}

export function openSearch(app, query) {
  const input = h('input', { type: 'search', name: 'q', value: query, maxLength: 500, 'aria-label': 'Search messages' });
  const scope = h('select', { name: 'room_id', 'aria-label': 'Where to search' },
    h('option', { value: '', text: 'All my rooms' }),
    app.chat?.room ? h('option', { value: app.chat.room.id, text: `Only ${roomLabel(app, app.chat.room).name}` }) : null);
  const results = h('div', { class: 'search-results', 'aria-live': 'polite' });
  const run = async () => {
    const q = input.value.trim();
    if (!q) return;
    results.replaceChildren(h('p', { class: 'muted', text: 'Searching…' }));
    try {
      const found = await api.search(q, { roomId: scope.value || undefined, limit: LIMIT });
      clear(results);
      if (!found.length) results.append(h('p', { class: 'muted', text: `Nothing found for “${q}”.` }));
      for (const hit of found) results.append(resultRow(app, hit, q, () => dialog.close()));
      if (found.length === LIMIT) results.append(h('p', { class: 'muted small', text: `The newest ${LIMIT} matches. Add a word to narrow it down.` }));
    } catch (err) {
      results.replaceChildren(h('p', { class: 'form-error', text: errorText(err) }));
    }
  };
  scope.addEventListener('change', run);
  const dialog = modal('Search', h('div', { class: 'stack' },
    h('form', { class: 'search-form', onsubmit: (e) => { e.preventDefault(); run(); } }, input, scope,
      h('button', { class: 'btn btn-primary', type: 'submit', text: 'Search' })),
    results), { wide: true });
  run();
}

function resultRow(app, { message, snippet }, query, close) {
  const room = app.rooms.get(message.room_id);
  const author = message.display_name || message.username || (message.kind === 'ai' ? 'AI' : 'System');
  return h('button', { class: 'search-result', type: 'button', dataset: { messageId: message.id, roomId: message.room_id },
    onclick: () => { close(); app.showMessage(message); } },
  h('span', { class: 'search-meta' },
    h('strong', { text: author }),
    h('span', { class: 'muted', text: ` in ${room ? roomLabel(app, room).name : 'a room'}` }),
    h('time', { class: 'muted', datetime: message.created_at, text: ` · ${formatDay(message.created_at)} ${formatTime(message.created_at)}` })),
  h('span', { class: 'search-snippet' }, highlighted(snippet, query)));
}

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The snippet (plain text) with the words that match the query's word prefixes in <mark>. */
function highlighted(snippet, query) {
  const words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return snippet.split(/([\p{L}\p{N}\p{M}]+)/u).map((part, i) =>
    i % 2 === 1 && words.some((w) => fold(part).startsWith(w)) ? h('mark', { text: part }) : part);
}
