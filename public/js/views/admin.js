// Server admin page (server admins only): accounts, every room, and the month's AI spend with
// charts per day and per model. The server checks every call; this page only hides the entry.
import { request } from '../api.js';
import { h, clear, field, modal, avatar, showError, errorText, toast } from '../dom.js';
import { barChart, usd } from './charts.js';

const enc = encodeURIComponent;
const adminApi = {
  users: (q) => request('GET', `/api/admin/users?${new URLSearchParams(q ? { q, limit: '100' } : { limit: '100' })}`),
  createUser: (user) => request('POST', '/api/admin/users', user),
  updateUser: (id, change) => request('PUT', `/api/admin/users/${enc(id)}`, change),
  rooms: (q) => request('GET', `/api/admin/rooms?${new URLSearchParams(q ? { q, limit: '100' } : { limit: '100' })}`),
  deleteRoom: (id) => request('DELETE', `/api/admin/rooms/${enc(id)}`),
  usage: (month) => request('GET', `/api/admin/usage${month ? `?month=${enc(month)}` : ''}`),
};

export function openAdmin(app) {
  const tabs = [['users', 'Users'], ['rooms', 'Rooms'], ['spend', 'AI spend']];
  const panel = h('div', { class: 'tab-panel admin' });
  const tabBar = h('div', { class: 'tabs', role: 'tablist' });
  modal('Server admin', h('div', {}, tabBar, panel), { wide: true });
  function show(name) {
    clear(tabBar);
    for (const [key, label] of tabs) {
      tabBar.append(h('button', { class: `tab${key === name ? ' active' : ''}`, type: 'button', role: 'tab', dataset: { tab: key }, onclick: () => show(key), text: label }));
    }
    clear(panel).append(name === 'users' ? usersPanel(app) : name === 'rooms' ? roomsPanel(app) : spendPanel());
  }
  show('users');
}

/** A search box over a list that reloads as the admin types (after a short pause). */
function searchable(placeholder, load) {
  const list = h('div', { class: 'admin-list' });
  const search = h('input', { type: 'search', placeholder, 'aria-label': placeholder, dataset: { role: 'admin-search' } });
  let timer;
  const reload = async () => {
    try { await load(search.value.trim(), list); } catch (err) { clear(list).append(h('p', { class: 'form-error', text: errorText(err) })); }
  };
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(reload, 250); });
  reload();
  return { el: h('div', { class: 'stack' }, search, list), reload };
}

function usersPanel(app) {
  const { el, reload } = searchable('Search users', async (q, list) => {
    const users = await adminApi.users(q);
    clear(list);
    if (users.length === 0) list.append(h('p', { class: 'muted', text: 'No users match.' }));
    for (const user of users) list.append(userRow(app, user, reload));
  });
  return h('div', { class: 'stack' }, el, createUserForm(reload));
}

function userRow(app, user, reload) {
  const me = user.id === app.user.id;
  const change = async (body, done) => {
    try { await adminApi.updateUser(user.id, body); toast(done, 'info'); reload(); } catch (err) { showError(err); }
  };
  const badges = [
    user.is_admin ? h('span', { class: 'role role-owner', text: 'admin' }) : null,
    user.disabled ? h('span', { class: 'role admin-disabled', text: 'disabled' }) : null,
  ];
  return h('div', { class: `member-row admin-user${user.disabled ? ' is-disabled' : ''}`, dataset: { username: user.username } },
    avatar(user.display_name, user.avatar_url, { size: 'sm' }),
    h('div', { class: 'member-names' },
      h('span', {}, user.display_name + (me ? ' (you)' : ''), ' ', badges),
      h('span', { class: 'muted small', text: `@${user.username} · ${user.last_seen_at ? 'seen ' + new Date(user.last_seen_at).toLocaleDateString() : 'never seen'}` })),
    h('div', { class: 'member-actions' },
      me ? null : h('button', { class: 'btn btn-ghost btn-small', type: 'button', dataset: { action: user.disabled ? 'enable-user' : 'disable-user' },
        onclick: () => {
          if (!user.disabled && !confirm(`Disable ${user.username}? They are signed out at once.`)) return;
          change({ disabled: !user.disabled }, `${user.username} is ${user.disabled ? 'enabled' : 'disabled'}`);
        }, text: user.disabled ? 'Enable' : 'Disable' }),
      me ? null : h('button', { class: 'btn btn-ghost btn-small', type: 'button', dataset: { action: 'toggle-admin' },
        onclick: () => change({ is_admin: !user.is_admin }, `${user.username} is ${user.is_admin ? 'no longer' : 'now'} an admin`),
        text: user.is_admin ? 'Remove admin' : 'Make admin' }),
      h('button', { class: 'btn btn-ghost btn-small', type: 'button', dataset: { action: 'reset-password' },
        onclick: () => resetPassword(user), text: 'Reset password' })));
}

function resetPassword(user) {
  const password = h('input', { type: 'password', name: 'password', minLength: 8, maxLength: 256, required: true, autocomplete: 'new-password' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const dialog = modal(`New password for ${user.username}`, h('form', { class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await adminApi.updateUser(user.id, { password: password.value });
      dialog.close();
      toast(`Password of ${user.username} changed: tell them the new one`, 'info');
    } catch (err) { error.textContent = errorText(err); error.hidden = false; }
  } }, field('New password', password, 'At least 8 characters.'), error,
  h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'submit', text: 'Set password' }))));
}

function createUserForm(reload) {
  const username = h('input', { name: 'username', required: true, maxLength: 32, autocomplete: 'off' });
  const password = h('input', { name: 'password', type: 'password', required: true, minLength: 8, autocomplete: 'new-password' });
  const isAdmin = h('input', { name: 'is_admin', type: 'checkbox' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      const user = await adminApi.createUser({ username: username.value.trim(), password: password.value, is_admin: isAdmin.checked });
      form.reset();
      toast(`Account ${user.username} created`, 'info');
      reload();
    } catch (err) { error.textContent = errorText(err); error.hidden = false; }
  } }, h('h3', { class: 'section-title', text: 'Create an account' }),
  h('div', { class: 'admin-row' }, field('Username', username), field('Password', password)),
  h('label', { class: 'check' }, isAdmin, 'Server admin'), error,
  h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'submit', text: 'Create' })));
  return form;
}

function roomsPanel(app) {
  const { el, reload } = searchable('Search rooms', async (q, list) => {
    const rooms = await adminApi.rooms(q);
    clear(list);
    if (rooms.length === 0) list.append(h('p', { class: 'muted', text: 'No rooms match.' }));
    for (const room of rooms) {
      list.append(h('div', { class: 'member-row', dataset: { roomId: room.id } },
        h('div', { class: 'member-names' },
          h('span', { text: room.name + (room.kind === 'direct' ? ' (direct)' : '') }),
          h('span', { class: 'muted small', text: `${room.is_public ? 'public' : 'private'} · ${room.member_count} member${room.member_count === 1 ? '' : 's'} · ${room.message_count} message${room.message_count === 1 ? '' : 's'}` })),
        h('div', { class: 'member-actions' },
          h('button', { class: 'btn btn-ghost btn-small', type: 'button', dataset: { action: 'delete-room' }, onclick: async () => {
            if (!confirm(`Delete "${room.name}" and all its messages, for everyone?`)) return;
            try { await adminApi.deleteRoom(room.id); app.removeRoom(room.id, 'deleted by an admin'); reload(); } catch (err) { showError(err); }
          }, text: 'Delete' }))));
    }
  });
  return el;
}

function spendPanel() {
  const now = new Date();
  const thisMonth = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const month = h('input', { type: 'month', value: thisMonth, max: thisMonth, 'aria-label': 'Month' });
  const body = h('div', { class: 'stack admin-spend' });
  const load = async () => {
    clear(body).append(h('p', { class: 'muted', text: 'Loading…' }));
    try { renderSpend(body, await adminApi.usage(month.value || thisMonth)); } catch (err) { clear(body).append(h('p', { class: 'form-error', text: errorText(err) })); }
  };
  month.addEventListener('change', load);
  load();
  return h('div', { class: 'stack' }, field('Month (UTC)', month), body);
}

function renderSpend(body, usage) {
  const t = usage.total;
  clear(body).append(
    h('div', { class: 'admin-totals' },
      stat('Spent', usd(t.cost), 'spend-total'), stat('Answers', String(t.answers)),
      stat('Tokens in / out', `${t.prompt_tokens.toLocaleString()} / ${t.completion_tokens.toLocaleString()}`)),
    h('h3', { class: 'section-title', text: 'Per day' }),
    usage.by_day ? barChart(daysOf(usage), { label: 'AI spend per day', unit: usd, dataset: 'per-day' })
      : h('p', { class: 'muted', text: 'This server reports no daily figures.' }),
    h('h3', { class: 'section-title', text: 'Per model' }),
    barChart(usage.by_model.map((m) => ({ label: m.model || 'unknown', value: m.cost, note: `${m.answers} answers` })),
      { label: 'AI spend per model', unit: usd, horizontal: true, dataset: 'per-model' }),
    table('Per user', ['User', 'Answers', 'Spent'], usage.by_user.map((u) => [u.username ? '@' + u.username : '(deleted)', u.answers, usd(u.cost)])),
    table('Per room', ['Room', 'Answers', 'Spent'], usage.by_room.map((r) => [r.name || '(deleted)', r.answers, usd(r.cost)])));
}

/** Every day of the month, zero where nothing was spent, so the bars line up with the calendar. */
function daysOf(usage) {
  const [year, mon] = usage.month.split('-').map(Number);
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  const byDay = new Map(usage.by_day.map((d) => [d.day, d]));
  return Array.from({ length: days }, (_, i) => {
    const day = `${usage.month}-${String(i + 1).padStart(2, '0')}`;
    const row = byDay.get(day);
    return { label: String(i + 1), value: row ? row.cost : 0, note: row ? `${day}: ${row.answers} answers` : day };
  });
}

function stat(label, value, role) {
  return h('div', { class: 'admin-stat', dataset: role ? { role } : undefined }, h('span', { class: 'muted small', text: label }), h('strong', { text: value }));
}

function table(title, headings, rows) {
  if (rows.length === 0) return null;
  return h('div', {}, h('h3', { class: 'section-title', text: title }),
    h('table', { class: 'admin-table' },
      h('thead', {}, h('tr', {}, headings.map((x) => h('th', { text: x })))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((x) => h('td', { text: String(x) })))))));
}
