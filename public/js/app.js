// Start-up, routing (/ and /invite/<token>) and the state every view shares.
import { api, session } from './api.js';
import { h, clear, icon, toast, showError } from './dom.js';
import { Realtime } from './ws.js';
import { renderAuth } from './views/auth.js';
import { Sidebar } from './views/sidebar.js';
import { ChatView } from './views/chat.js';
import { openRoomSettings } from './views/roomSettings.js';
import { openProfile } from './views/profile.js';
import { renderInvitePage } from './views/invitePage.js';
import { DirectRooms } from './views/directRooms.js';
import { ReadState } from './reads.js';
import { Notifier } from './notify.js';

const LAST_ROOM_KEY = 'groupchat.room';
const root = document.getElementById('app');

const app = {
  user: null,
  health: { ai: 'on' }, // GET /api/health: whether this server has an assistant, and its name
  rooms: new Map(),
  unread: new Map(),
  currentRoomId: null,
  realtime: new Realtime(() => session.token),
  sidebar: null,
  chat: null,
  directs: null,
  reads: null,
  notifier: null,

  /** Opens a room at its newest messages, or at `target` (a message of it, e.g. from search). */
  async openRoom(roomId, target = null) {
    const room = this.rooms.get(roomId);
    if (!room) return;
    this.currentRoomId = roomId;
    localStorage.setItem(LAST_ROOM_KEY, roomId);
    this.sidebar.render();
    this.setDrawer(false);
    root.querySelector('.empty-main')?.remove();
    this.chat.el.hidden = false;
    await this.chat.open(room, target);
  },

  /** Shows a message in its room, flashing it (search results, notifications). */
  showMessage(msg) {
    if (this.chat?.room?.id === msg.room_id && !this.chat.el.hidden) { this.setDrawer(false); this.chat.showMessage(msg); }
    else this.openRoom(msg.room_id, msg);
  },

  upsertRoom(room) {
    const isNew = !this.rooms.has(room.id);
    this.rooms.set(room.id, { ...this.rooms.get(room.id), ...room });
    if (isNew) this.realtime.join(room.id);
    if (isNew && room.kind === 'direct') this.directs.load(room.id);
    if (this.sidebar) this.sidebar.render();
    if (this.chat?.room?.id === room.id) this.chat.renderHeader();
  },

  removeRoom(roomId, why) {
    if (!this.rooms.has(roomId)) return;
    const name = this.rooms.get(roomId).name;
    this.rooms.delete(roomId);
    this.unread.delete(roomId);
    this.reads.render();
    this.realtime.leave(roomId);
    if (why) toast(`${name}: ${why}`, 'info');
    if (this.currentRoomId === roomId) {
      this.currentRoomId = null;
      const next = [...this.rooms.keys()][0];
      if (next) this.openRoom(next); else showEmpty();
    }
    this.sidebar.render();
  },

  openRoomSettings(tab) {
    if (this.chat.room) openRoomSettings(this, this.rooms.get(this.chat.room.id) || this.chat.room, tab);
  },

  openProfile() { openProfile(this); },

  setUser(user) {
    this.user = user;
    if (this.sidebar) this.sidebar.renderUser();
  },

  toggleDrawer() { this.setDrawer(!root.classList.contains('drawer-open')); },
  setDrawer(open) { root.classList.toggle('drawer-open', open); },

  async logout() {
    // Revoke the token on the server too, so a copy of it (another tab, a stolen one) stops working.
    try { await api.logout(); } catch { /* already invalid or offline: forgetting it is what is left */ }
    this.realtime.stop();
    session.clear();
    localStorage.removeItem(LAST_ROOM_KEY);
    location.assign('/');
  },
};

function sessionEnded() {
  if (!app.user) return;
  app.realtime.stop();
  session.clear();
  app.user = null;
  toast('Your session has ended. Please log in again.', 'info');
  showAuth();
}
session.onUnauthorized(sessionEnded);

function showAuth(intro) {
  renderAuth(root, { intro, onAuthenticated: (user) => startChat(user) });
}

function showEmpty() {
  app.chat.el.hidden = true;
  if (root.querySelector('.empty-main')) return;
  root.querySelector('.layout').append(h('section', { class: 'empty-main' },
    h('button', { class: 'icon-btn menu-btn', type: 'button', 'aria-label': 'Rooms', onclick: () => app.toggleDrawer() }, icon('menu')),
    h('div', { class: 'empty-card' },
      h('h2', { text: 'No room open' }),
      h('p', { class: 'muted', text: 'Create a room with +, browse public rooms, or open an invite link.' }),
      h('button', { class: 'btn btn-primary', type: 'button', onclick: () => app.sidebar.createRoomDialog(), text: 'Create a room' }))));
}

/** The main screen: sidebar + open room. `openRoomId` wins over the last room opened. */
async function startChat(user, openRoomId) {
  app.user = user;
  app.rooms = new Map();
  app.unread = new Map();
  if (location.pathname !== '/') history.replaceState(null, '', '/');
  app.directs = new DirectRooms(app);
  app.reads = new ReadState(app);
  app.notifier = new Notifier(app);
  app.sidebar = new Sidebar(app);
  app.chat = new ChatView(app);
  clear(root).append(h('div', { class: 'layout' },
    app.sidebar.el,
    h('div', { class: 'drawer-backdrop', onclick: () => app.setDrawer(false) }),
    app.chat.el));
  app.realtime.start();
  try {
    const [health, rooms] = await Promise.all([api.health().catch(() => app.health), api.myRooms()]);
    app.health = health;
    for (const room of rooms) { app.upsertRoom(room); app.reads.seen(room); }
  } catch (err) { showError(err); }
  app.sidebar.render();
  const wanted = [openRoomId, localStorage.getItem(LAST_ROOM_KEY)].find((id) => id && app.rooms.has(id));
  const first = wanted || [...app.rooms.values()].sort((a, b) => a.name.localeCompare(b.name))[0]?.id;
  if (first) app.openRoom(first); else showEmpty();
}

function wireRealtime(rt) {
  const forOpenRoom = (fn) => (frame) => { if (app.chat && frame.room_id === app.chat.room?.id) fn(frame); };
  // Counted first, so the open room can mark the message read as it shows it.
  rt.on('new_message', (f) => {
    if (!app.rooms.has(f.room_id)) return;
    app.reads.arrived(f.message);
    app.notifier.onMessage(f.message);
    if (app.chat && f.room_id === app.chat.room?.id) app.chat.add(f.message);
  });
  rt.on('typing', forOpenRoom((f) => app.chat.activity.onTyping(f)));
  rt.on('ai_typing', forOpenRoom((f) => app.chat.activity.onAiTyping(f)));
  rt.on('ai_stream_start', forOpenRoom((f) => app.chat.activity.onStreamStart(f)));
  rt.on('ai_stream_chunk', forOpenRoom((f) => app.chat.activity.onStreamChunk(f)));
  rt.on('ai_tool', forOpenRoom((f) => app.chat.activity.onTool(f)));
  rt.on('ai_stream_end', (f) => {
    if (!app.rooms.has(f.room_id)) return;
    if (f.message) app.reads.arrived(f.message);
    app.notifier.onAnswer(f.room_id, f.message);
    if (app.chat && f.room_id === app.chat.room?.id) app.chat.activity.onStreamEnd(f);
  });
  rt.on('message_updated', (f) => {
    if (app.chat && f.room_id === app.chat.room?.id) app.chat.changes.apply(f.message);
    if (f.message.deleted && app.unread.get(f.room_id)) app.reads.refresh(f.room_id);
  });
  rt.on('read_marker', (f) => app.reads.onMarker(f));
  rt.on('room_added', (f) => { app.upsertRoom(f.room); app.reads.seen(f.room); });
  rt.on('room_updated', (f) => {
    const old = app.rooms.get(f.room.id);
    if (!old) return;
    // The broadcast is the same for everyone, so its my_role is not ours: keep what we know.
    app.upsertRoom({ ...f.room, my_role: old.my_role });
    if (app.chat?.room?.id === f.room.id) app.chat.refreshMembers();
  });
  rt.on('room_deleted', (f) => app.removeRoom(f.room_id, 'the room was deleted'));
  rt.on('room_cleared', (f) => {
    app.reads.cleared(f.room_id);
    if (app.chat && f.room_id === app.chat.room?.id) app.chat.onCleared();
  });
  // Counts and roles come from the server rather than being patched locally, so no event order can skew them.
  rt.on('member_joined', forOpenRoom(() => app.chat.refreshMembers()));
  rt.on('member_left', (f) => {
    if (f.user_id === app.user?.id) app.removeRoom(f.room_id, 'you are no longer a member');
    else if (app.chat && f.room_id === app.chat.room?.id) app.chat.refreshMembers();
  });
  rt.on('error', (f) => toast(f.error || 'The server refused a request', 'error'));
  rt.on('open', ({ reconnected }) => {
    root.classList.remove('offline');
    if (reconnected && app.chat) app.chat.catchUp();
    // Messages missed in the other rooms while offline: the server's counts.
    if (reconnected) api.myRooms().then((rooms) => rooms.forEach((r) => { if (app.rooms.has(r.id)) app.reads.seen(r); })).catch(() => {});
  });
  rt.on('close', () => root.classList.add('offline'));
  rt.on('revoked', sessionEnded);
  window.addEventListener('online', () => rt.reconnectNow());
  // Coming back to the tab marks what the open room shows as read.
  const back = () => app.chat?.markRead();
  window.addEventListener('focus', back);
  document.addEventListener('visibilitychange', back);
}

async function boot() {
  wireRealtime(app.realtime);
  const invite = location.pathname.match(/^\/invite\/([^/]+)\/?$/);
  if (invite) {
    renderInvitePage(root, decodeURIComponent(invite[1]), {
      loggedIn: !!session.token,
      // The invite's token also admits a new account where sign-up needs an invitation.
      showAuth: (intro, after) => renderAuth(root, { intro, onAuthenticated: after, inviteToken: invite[1] && decodeURIComponent(invite[1]) }),
      enter: (user, room) => startChat(user, room.id),
    });
    return;
  }
  if (!session.token) { showAuth(); return; }
  try {
    startChat(await api.me());
  } catch (err) {
    if (err.name === 'ApiError' && err.status === 401) { session.clear(); showAuth(); return; }
    clear(root).append(h('main', { class: 'auth-page' }, h('div', { class: 'auth-card' },
      h('h1', { text: 'Cannot reach the server' }), h('p', { class: 'muted', text: err.message }),
      h('button', { class: 'btn btn-primary', type: 'button', onclick: () => location.reload(), text: 'Try again' }))));
  }
}

boot();
