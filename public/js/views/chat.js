// The open room: history with upward infinite scroll, live messages, typing, streaming AI answers, replies.
import { api } from '../api.js';
import { h, clear, icon, showError, errorText } from '../dom.js';
import { setMarkdown } from '../markdown.js';
import { messageElements, streamBubble, toolText } from './messages.js';
import { Outbox } from './outbox.js';
import { Composer } from './composer.js';
import { assistantName, composerPlaceholder, mentionCandidates } from './assistant.js';

const PAGE = 50;
const TYPING_EXPIRE_MS = 6000;
const JUMP_MAX_PAGES = 25; // how far back (in pages of 200) a click on a reply looks for its original

export class ChatView {
  constructor(app) {
    this.app = app;
    this.room = null;
    this.titleText = h('span');
    this.titleIcon = h('span', { class: 'room-hash' });
    this.title = h('h1', { class: 'chat-title' }, this.titleIcon, this.titleText);
    this.subtitle = h('p', { class: 'chat-subtitle' });
    this.membersBtn = h('button', { class: 'link-btn small', type: 'button', dataset: { action: 'members' }, onclick: () => this.app.openRoomSettings('members') });
    this.top = h('div', { class: 'history-top' });
    this.list = h('div', { class: 'message-list' });
    this.streamBox = h('div', { class: 'stream-list' });
    this.outbox = new Outbox(this);
    this.scroller = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite' }, this.top, this.list, this.streamBox, this.outbox.el);
    this.typingLine = h('div', { class: 'typing-line', 'aria-live': 'polite' });
    this.jumpBtn = h('button', { class: 'jump-latest', type: 'button', hidden: true, onclick: () => this.scrollToBottom(), text: 'New messages ↓' });
    this.composer = new Composer({
      onSend: (m) => this.outbox.send(m),
      onTyping: (isTyping) => this.app.realtime.send({ type: 'typing', room_id: this.room.id, is_typing: isTyping }),
      onStop: () => this.app.realtime.send({ type: 'ai_stop', room_id: this.room.id }),
      mentionables: () => mentionCandidates(this.app.health, this.room, this.members, this.app.user),
    });
    this.actions = {
      reply: (msg) => this.composer.replyTo(msg),
      jump: (id) => this.jumpTo(id),
      find: (id) => this.messages.find((m) => m.id === id) || null,
      fetch: (id) => api.message(this.room.id, id).catch(() => null),
    };
    this.el = h('section', { class: 'chat' },
      h('header', { class: 'chat-head' },
        h('button', { class: 'icon-btn menu-btn', type: 'button', 'aria-label': 'Rooms', 'aria-controls': 'sidebar', onclick: () => this.app.toggleDrawer() }, icon('menu')),
        h('div', { class: 'chat-titles' }, this.title, h('div', { class: 'chat-meta' }, this.membersBtn, this.subtitle)),
        h('button', { class: 'icon-btn', type: 'button', title: 'Room settings', 'aria-label': 'Room settings', dataset: { action: 'room-settings' }, onclick: () => this.app.openRoomSettings('settings') }, icon('gear'))),
      this.scroller, this.jumpBtn, this.typingLine, this.composer.el);
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

  /** Shows `room` and loads its newest messages. */
  async open(room) {
    this.room = room;
    this.members = new Map();
    this.messages = [];
    this.ids = new Set();
    this.streams = new Map();
    this.typers = new Map();
    this.aiTyping = false;
    this.hasMore = false;
    this.loadingOlder = null;
    clear(this.list); clear(this.streamBox);
    this.outbox.clear();
    this.composer.reset();
    this.renderHeader();
    this.renderTyping();
    this.top.textContent = 'Loading…';
    const roomId = room.id;
    try {
      const [messages, detail] = await Promise.all([api.messages(roomId, { limit: PAGE }), api.room(roomId)]);
      if (this.room?.id !== roomId) return;
      for (const m of detail.members || []) this.members.set(m.user.id, m);
      this.composer.mentions.refresh();
      this.app.upsertRoom(stripMembers(detail));
      this.setMessages(messages, messages.length === PAGE);
      this.scrollToBottom();
      // A tall screen may show the whole first page without a scrollbar: fetch more right away.
      if (this.scroller.scrollHeight <= this.scroller.clientHeight) this.loadOlder();
      this.composer.input.focus();
    } catch (err) {
      if (this.room?.id === roomId) this.top.textContent = errorText(err);
    }
  }

  renderHeader() {
    const room = this.app.rooms.get(this.room.id) || this.room;
    this.room = room;
    this.titleIcon.replaceChildren(icon(room.is_public ? 'hash' : 'lock'));
    this.titleText.textContent = room.name;
    this.subtitle.textContent = room.description || '';
    this.membersBtn.textContent = `${room.member_count} member${room.member_count === 1 ? '' : 's'}`;
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
    for (const m of this.messages) { this.list.append(...messageElements(m, prev, this.actions)); prev = m; }
    this.top.textContent = this.hasMore ? '' : (this.messages.length ? 'This is the beginning of the room.' : 'No messages yet. Say hello!');
  }

  /** Adds a stored message once, in arrival order (the server sends them in stored order). */
  add(msg) {
    this.outbox.settle(msg);
    if (this.ids.has(msg.id)) return;
    const stick = this.nearBottom() || msg.user_id === this.app.user.id;
    const prev = this.messages[this.messages.length - 1] || null;
    this.messages.push(msg);
    this.ids.add(msg.id);
    this.list.append(...messageElements(msg, prev, this.actions));
    if (this.top.textContent.startsWith('No messages')) this.top.textContent = 'This is the beginning of the room.';
    if (stick) this.scrollToBottom(); else this.jumpBtn.hidden = false;
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

  /** Scrolls to message `id` and flashes it, loading older history until it is shown. */
  async jumpTo(id) {
    const roomId = this.room.id;
    for (let pages = 0; !this.ids.has(id) && this.hasMore && pages < JUMP_MAX_PAGES; pages++) {
      await this.loadOlder(200);
      if (this.room?.id !== roomId) return;
    }
    const el = this.list.querySelector(`[data-id="${CSS.escape(id)}"]`);
    if (!el) { showError(new Error('The original message is no longer in this room.')); return; }
    el.scrollIntoView({ block: 'center' });
    el.classList.remove('msg-flash');
    void el.offsetWidth; // restart the animation when the same message is jumped to twice
    el.classList.add('msg-flash');
  }

  /** After a dropped connection: fetch what was stored meanwhile, page by page. */
  async catchUp() {
    if (!this.room) return;
    const roomId = this.room.id;
    for (const s of this.streams.values()) s.el.remove(); // their end was lost with the connection
    this.streams.clear();
    this.composer.setStreaming(false);
    this.typers.clear();
    this.aiTyping = false;
    this.renderTyping();
    try {
      const last = this.messages[this.messages.length - 1];
      if (!last) {
        const latest = await api.messages(roomId, { limit: PAGE });
        if (this.room?.id === roomId) latest.forEach((m) => this.add(m));
        return;
      }
      let after = last.id;
      for (;;) {
        const page = await api.messages(roomId, { after, limit: 200 });
        if (this.room?.id !== roomId) return;
        page.forEach((m) => this.add(m));
        if (page.length < 200) break;
        after = page[page.length - 1].id;
      }
    } catch (err) {
      // The last message we saw may be gone (room cleared): start again from the newest page.
      if (err.name === 'ApiError' && err.status === 400) this.open(this.room);
      else showError(err);
    }
    this.outbox.retryFailed();
  }

  // ---- live events for this room (app.js routes them here) ----

  onTyping(frame) {
    if (frame.user_id === this.app.user.id) return;
    const old = this.typers.get(frame.user_id);
    if (old) clearTimeout(old.timer);
    if (frame.is_typing) {
      const member = this.members.get(frame.user_id);
      const name = member ? member.user.display_name : frame.username;
      // A lost "stopped typing" frame must not leave the line up forever.
      const timer = setTimeout(() => { this.typers.delete(frame.user_id); this.renderTyping(); }, TYPING_EXPIRE_MS);
      this.typers.set(frame.user_id, { name, timer });
    } else {
      this.typers.delete(frame.user_id);
    }
    this.renderTyping();
  }

  onAiTyping(frame) {
    this.aiTyping = !!frame.is_typing;
    this.renderTyping();
  }

  renderTyping() {
    const names = [...this.typers.values()].map((t) => t.name);
    let text = '';
    if (names.length === 1) text = `${names[0]} is typing…`;
    else if (names.length === 2) text = `${names[0]} and ${names[1]} are typing…`;
    else if (names.length > 2) text = `${names.length} people are typing…`;
    const thinking = `${assistantName(this.app.health)} is thinking…`;
    if (this.aiTyping && this.streams.size === 0) text = text ? `${text} ${thinking}` : thinking;
    this.typingLine.textContent = text;
    this.typingLine.classList.toggle('active', !!text);
  }

  stream(frame) {
    let s = this.streams.get(frame.stream_id);
    if (!s) {
      const stick = this.nearBottom();
      s = { ...streamBubble(frame.model, assistantName(this.app.health)), text: '', tools: new Map(), queued: false };
      this.streams.set(frame.stream_id, s);
      this.streamBox.append(s.el);
      this.composer.setStreaming(true);
      this.renderTyping();
      if (stick) this.scrollToBottom();
    }
    return s;
  }

  onStreamStart(frame) { this.stream(frame); }

  onStreamChunk(frame) {
    const s = this.stream(frame);
    s.text += frame.delta || '';
    if (s.queued) return;
    s.queued = true;
    // Re-render at most once per frame: chunks arrive much faster than the screen refreshes.
    requestAnimationFrame(() => {
      s.queued = false;
      const stick = this.nearBottom();
      setMarkdown(s.content, s.text);
      if (stick) this.scrollToBottom();
    });
  }

  onTool(frame) {
    const s = this.stream(frame);
    const key = frame.tool + ':' + JSON.stringify(frame.arguments);
    let line = s.tools.get(key);
    if (!line) {
      line = h('li', { class: 'tool' });
      s.tools.set(key, line);
      s.el.querySelector('.tool-list').append(line);
    }
    const mark = { started: '⋯', finished: '✓', failed: '✗' }[frame.status] || '';
    line.className = `tool tool-${frame.status}`;
    line.textContent = `${mark} ${toolText(frame.tool, frame.arguments)}${frame.status === 'failed' ? ' (failed)' : ''}`;
  }

  onStreamEnd(frame) {
    const s = this.streams.get(frame.stream_id);
    if (s) s.el.remove();
    this.streams.delete(frame.stream_id);
    this.composer.setStreaming(this.streams.size > 0);
    if (frame.message) this.add(frame.message);
    this.renderTyping();
  }

  onCleared() {
    this.setMessages([], false);
    for (const s of this.streams.values()) s.el.remove();
    this.streams.clear();
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

  // ---- scrolling ----

  nearBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 120;
  }

  scrollToBottom() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.jumpBtn.hidden = true;
  }

  onScroll() {
    if (this.scroller.scrollTop < 150) this.loadOlder();
    if (this.nearBottom()) this.jumpBtn.hidden = true;
  }
}

export function stripMembers(detail) {
  const { members, ...room } = detail;
  return room;
}
