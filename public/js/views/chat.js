// The open room: history paged both ways (newest first, or the page around a message), live
// messages, replies, the "new messages" line at the read marker and marking what was seen as read.
import { api } from '../api.js';
import { h, clear, showError, errorText } from '../dom.js';
import { messageElements } from './messages.js';
import { Outbox } from './outbox.js';
import { Composer } from './composer.js';
import { RoomActivity } from './activity.js';
import { MessageChanges } from './messageChanges.js';
import { ChatHeader } from './chatHeader.js';
import { PAGE, newestPage, pageAround, fetchMissed } from './history.js';
import { composerPlaceholder, mentionCandidates } from './assistant.js';

const JUMP_MAX_PAGES = 25; // how far back (in pages of 200) a click on a reply looks for its original

export class ChatView {
  constructor(app) {
    this.app = app;
    this.room = null;
    this.header = new ChatHeader(app);
    this.top = h('div', { class: 'history-top' });
    this.list = h('div', { class: 'message-list' });
    this.newLine = h('div', { class: 'new-line', role: 'separator' }, h('span', { text: 'New messages' }));
    this.outbox = new Outbox(this);
    this.jumpBtn = h('button', { class: 'jump-latest', type: 'button', hidden: true, onclick: () => this.toLatest(), text: 'New messages ↓' });
    this.composer = new Composer({
      onSend: (m) => this.outbox.send(m),
      onTyping: (isTyping) => this.app.realtime.send({ type: 'typing', room_id: this.room.id, is_typing: isTyping }),
      onStop: () => this.app.realtime.send({ type: 'ai_stop', room_id: this.room.id }),
      mentionables: () => mentionCandidates(this.app.health, this.room, this.members, this.app.user),
      onEditLast: () => this.changes.editLast(),
    });
    this.activity = new RoomActivity(this);
    this.scroller = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite' }, this.top, this.list, this.activity.streamBox, this.outbox.el);
    this.changes = new MessageChanges(this);
    this.actions = {
      ...this.changes.actions(),
      reply: (msg) => this.composer.replyTo(msg),
      jump: (id) => this.jumpTo(id),
      find: (id) => this.messages.find((m) => m.id === id) || null,
      fetch: (id) => api.message(this.room.id, id).catch(() => null),
      person: (msg) => this.app.directs.showPerson(this.members.get(msg.user_id)?.user
        || { id: msg.user_id, username: msg.username, display_name: msg.display_name, avatar_url: msg.avatar_url }),
    };
    this.el = h('section', { class: 'chat' }, this.header.el, this.scroller, this.jumpBtn, this.activity.typingLine, this.composer.el);
    this.composer.acceptDrops(this.el);
    this.scroller.addEventListener('scroll', () => this.onScroll());
    // The composer grows (a reply quote, an image, more lines): keep the newest message in view.
    new ResizeObserver(() => { if (this.nearBottom()) this.scrollToBottom(); }).observe(this.scroller);
    // Touch screens have no hover: a tap on a message shows its actions.
    this.list.addEventListener('click', (e) => {
      if (!matchMedia('(hover: none)').matches || e.target.closest('a, button, .msg-selected')) return;
      this.list.querySelector('.msg-selected')?.classList.remove('msg-selected');
      e.target.closest('.msg')?.classList.add('msg-selected');
    });
  }

  /**
   * Shows `room` with its newest messages, or with the page around `target` (a message, e.g. a
   * search result). The "new messages" line goes after the caller's read marker.
   */
  async open(room, target = null) {
    this.room = room;
    this.members = new Map();
    this.messages = [];
    this.ids = new Set();
    this.hasMore = false;
    this.hasNewer = false;
    this.unreadAfter = null;
    this.loadingOlder = null;
    clear(this.list);
    this.activity.reset();
    this.outbox.clear();
    this.composer.reset();
    this.renderHeader();
    this.top.textContent = 'Loading…';
    const roomId = room.id;
    try {
      const [page, detail] = await Promise.all([target ? pageAround(roomId, target) : newestPage(roomId), api.room(roomId)]);
      if (this.room?.id !== roomId) return;
      for (const m of detail.members || []) this.members.set(m.user.id, m);
      this.composer.mentions.refresh();
      this.app.upsertRoom(stripMembers(detail));
      this.app.reads.seen(detail);
      if (detail.unread_count > 0) this.unreadAfter = detail.last_read_message_id;
      this.hasNewer = page.hasNewer;
      this.setMessages(page.messages, page.hasMore);
      if (target) { this.flash(target.id); return; }
      await this.showUnreadLine(roomId);
      // A tall screen may show the whole first page without a scrollbar: fetch more right away.
      if (this.scroller.scrollHeight <= this.scroller.clientHeight) this.loadOlder();
      this.composer.input.focus();
      this.markRead();
    } catch (err) {
      if (this.room?.id === roomId) this.top.textContent = errorText(err);
    }
  }

  /** Scrolls to the "new messages" line (loading older pages to reach it), or to the bottom when it is in the last screen. */
  async showUnreadLine(roomId) {
    for (let pages = 0; this.unreadAfter && !this.ids.has(this.unreadAfter) && this.hasMore && pages < 4; pages++) {
      await this.loadOlder(200);
      if (this.room?.id !== roomId) return;
    }
    this.scrollToBottom();
    if (this.newLine.isConnected && this.newLine.getBoundingClientRect().top < this.scroller.getBoundingClientRect().top) {
      this.newLine.scrollIntoView({ block: 'start' });
    }
  }

  renderHeader() {
    const room = this.app.rooms.get(this.room.id) || this.room;
    this.room = room;
    this.header.render(room);
    this.composer.setPlaceholder(composerPlaceholder(this.app.health, room));
  }

  setMessages(messages, hasMore) {
    this.messages = messages;
    this.ids = new Set(messages.map((m) => m.id));
    this.hasMore = hasMore;
    this.renderAll();
  }

  renderAll() {
    clear(this.list);
    let prev = null;
    for (const m of this.messages) {
      if (prev && prev.id === this.unreadAfter) this.list.append(this.newLine);
      this.list.append(...messageElements(m, prev, this.actions));
      prev = m;
    }
    this.top.textContent = this.hasMore ? '' : (this.messages.length ? 'This is the beginning of the room.' : 'No messages yet. Say hello!');
  }

  /** Adds a stored message once, in arrival order (the server sends them in stored order). */
  add(msg) {
    this.outbox.settle(msg);
    if (this.ids.has(msg.id)) return;
    const mine = msg.user_id === this.app.user.id;
    // Showing an older page (from search): the newest messages are not loaded, so this one cannot follow on.
    if (this.hasNewer) { if (mine) this.toLatest(); else this.jumpBtn.hidden = false; return; }
    if (mine && this.unreadAfter) { this.unreadAfter = null; this.newLine.remove(); }
    const stick = this.nearBottom() || mine;
    const prev = this.messages[this.messages.length - 1] || null;
    // Arriving while I am away from the tab: the line shows where to read on when I come back.
    if (!mine && !this.unreadAfter && prev && (document.hidden || !document.hasFocus())) this.unreadAfter = prev.id;
    this.messages.push(msg);
    this.ids.add(msg.id);
    if (prev && prev.id === this.unreadAfter) this.list.append(this.newLine);
    this.list.append(...messageElements(msg, prev, this.actions));
    if (this.top.textContent.startsWith('No messages')) this.top.textContent = 'This is the beginning of the room.';
    if (stick) this.scrollToBottom(); else this.jumpBtn.hidden = false;
    this.markRead();
  }

  /** Loads one page before the oldest message shown; a call while one loads waits for that one. */
  loadOlder(limit = PAGE) {
    if (!this.hasMore || !this.messages.length) return Promise.resolve();
    if (!this.loadingOlder) this.loadingOlder = this.fetchOlder(limit).finally(() => { this.loadingOlder = null; });
    return this.loadingOlder;
  }

  async fetchOlder(limit) {
    const roomId = this.room.id;
    this.top.textContent = 'Loading older messages…';
    try {
      const older = await api.messages(roomId, { before: this.messages[0].id, limit });
      if (this.room?.id !== roomId) return;
      const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
      const fresh = older.filter((m) => !this.ids.has(m.id));
      this.setMessages([...fresh, ...this.messages], older.length === limit);
      this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
    } catch (err) {
      this.top.textContent = errorText(err);
    }
  }

  /** Below an older page: loads the next one down, until the newest message is reached. */
  async loadNewer() {
    if (!this.hasNewer || this.loadingNewer || !this.messages.length) return;
    const roomId = this.room.id;
    this.loadingNewer = true;
    try {
      const newer = await api.messages(roomId, { after: this.messages[this.messages.length - 1].id, limit: PAGE });
      if (this.room?.id !== roomId) return;
      const { scrollTop } = this.scroller;
      this.hasNewer = newer.length === PAGE;
      this.setMessages([...this.messages, ...newer.filter((m) => !this.ids.has(m.id))], this.hasMore);
      this.scroller.scrollTop = scrollTop;
    } catch (err) { showError(err); } finally { this.loadingNewer = false; }
  }

  /** The jump button: to the bottom, or back to the newest page when an older one is shown. */
  async toLatest() {
    if (!this.hasNewer) { this.scrollToBottom(); this.markRead(); return; }
    const roomId = this.room.id;
    try {
      const page = await newestPage(roomId);
      if (this.room?.id !== roomId) return;
      this.hasNewer = false;
      this.setMessages(page.messages, page.hasMore);
      this.scrollToBottom();
      this.markRead();
    } catch (err) { showError(err); }
  }

  /** Scrolls to message `id` and flashes it, loading older history until it is shown. */
  async jumpTo(id) {
    const roomId = this.room.id;
    for (let pages = 0; !this.ids.has(id) && this.hasMore && pages < JUMP_MAX_PAGES; pages++) {
      await this.loadOlder(200);
      if (this.room?.id !== roomId) return;
    }
    if (!this.flash(id)) showError(new Error('The original message is no longer in this room.'));
  }

  /** Shows `msg` of this room: flashed where it is if loaded, else the page around it. */
  showMessage(msg) {
    if (this.ids.has(msg.id)) this.flash(msg.id); else this.open(this.room, msg);
  }

  flash(id) {
    const el = this.list.querySelector(`[data-id="${CSS.escape(id)}"]`);
    if (!el) return false;
    el.scrollIntoView({ block: 'center' });
    el.classList.remove('msg-flash');
    void el.offsetWidth; // restart the animation when the same message is jumped to twice
    el.classList.add('msg-flash');
    return true;
  }

  /** After a dropped connection: fetch what was stored meanwhile, page by page. */
  async catchUp() {
    if (!this.room) return;
    const roomId = this.room.id;
    this.activity.reset();
    try {
      // Below an older page (from search) scrolling down fetches the rest.
      if (!this.hasNewer) await fetchMissed(roomId, this.messages[this.messages.length - 1]?.id, (m) => this.add(m), () => this.room?.id === roomId);
    } catch (err) {
      // The last message we saw may be gone (room cleared): start again from the newest page.
      if (err.name === 'ApiError' && err.status === 400) this.open(this.room);
      else showError(err);
    }
    this.outbox.retryFailed();
  }

  onCleared() {
    this.unreadAfter = null;
    this.hasNewer = false;
    this.setMessages([], false);
    this.activity.reset();
  }

  /** Reloads members, count and my role; bursts of events share one request. */
  refreshMembers() {
    clearTimeout(this.refreshTimer);
    const roomId = this.room.id;
    this.refreshTimer = setTimeout(async () => {
      try {
        const detail = await api.room(roomId);
        if (this.room?.id !== roomId) return;
        this.members = new Map((detail.members || []).map((m) => [m.user.id, m]));
        this.composer.mentions.refresh();
        this.app.upsertRoom(stripMembers(detail));
      } catch { /* a removed member learns it from member_left */ }
    }, 150);
  }

  /** Moves the read marker to the newest message once it is on screen in a focused tab. */
  markRead() {
    if (!this.room || this.hasNewer || document.hidden || !document.hasFocus() || !this.nearBottom()) return;
    const last = this.messages[this.messages.length - 1];
    if (last) this.app.reads.markRead(this.room.id, last.id);
  }

  // ---- scrolling ----

  nearBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 120;
  }

  scrollToBottom() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    if (!this.hasNewer) this.jumpBtn.hidden = true;
  }

  onScroll() {
    if (this.scroller.scrollTop < 150) this.loadOlder();
    if (this.nearBottom()) {
      if (this.hasNewer) this.loadNewer(); else this.jumpBtn.hidden = true;
      this.markRead();
    }
  }
}

export function stripMembers(detail) {
  const { members, ...room } = detail;
  return room;
}
