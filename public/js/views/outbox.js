// Messages on their way: shown at once as pending, posted with a client_msg_id and retried with the
// same id (so a retry never stores twice), replaced by the stored message when it arrives.
import { api } from '../api.js';
import { h, clear, newId, errorText } from '../dom.js';
import { messageElement } from './messages.js';

export class Outbox {
  /** `chat` is the ChatView: its room, user, actions, add(msg) and scrollToBottom(). */
  constructor(chat) {
    this.chat = chat;
    this.pending = new Map(); // client_msg_id -> {body, el, roomId, failed}
    this.el = h('div', { class: 'pending-list' });
  }

  send({ content, image_url, reply_to }) {
    const { app, room } = this.chat;
    const body = { content, client_msg_id: newId() };
    if (image_url) body.image_url = image_url;
    if (reply_to) body.reply_to = reply_to;
    const optimistic = { id: 'pending', kind: 'user', user_id: app.user.id, display_name: app.user.display_name,
      avatar_url: app.user.avatar_url, content, image_url, reply_to, created_at: new Date().toISOString() };
    const { reply, ...noReply } = this.chat.actions; // a message not stored yet cannot be replied to
    const el = messageElement(optimistic, false, noReply);
    el.classList.add('msg-pending');
    const p = { body, el, roomId: room.id, failed: false };
    this.pending.set(body.client_msg_id, p);
    this.el.append(el);
    this.chat.scrollToBottom();
    this.post(p);
  }

  /** Posts with the same client_msg_id on every retry, so the server stores it once. */
  async post(p) {
    p.failed = false;
    p.el.classList.remove('msg-failed');
    p.el.querySelector('.msg-retry')?.remove();
    try {
      const msg = await api.sendMessage(p.roomId, p.body);
      if (this.chat.room?.id === p.roomId) this.chat.add(msg);
    } catch (err) {
      if (!this.pending.has(p.body.client_msg_id)) return;
      p.failed = true;
      p.el.classList.add('msg-failed');
      p.el.querySelector('.msg-body').append(h('div', { class: 'msg-retry' },
        h('span', { text: `Not sent: ${errorText(err)} ` }),
        h('button', { class: 'link-btn', type: 'button', onclick: () => this.post(p), text: 'Retry' }), ' · ',
        h('button', { class: 'link-btn', type: 'button', onclick: () => { p.el.remove(); this.pending.delete(p.body.client_msg_id); }, text: 'Discard' })));
    }
  }

  /** A stored message arrived: if it is one of ours, its pending copy goes. */
  settle(msg) {
    const p = msg.client_msg_id && this.pending.get(msg.client_msg_id);
    if (!p || msg.user_id !== this.chat.app.user.id) return;
    p.el.remove();
    this.pending.delete(msg.client_msg_id);
  }

  retryFailed() {
    for (const p of this.pending.values()) if (p.failed) this.post(p);
  }

  clear() {
    this.pending.clear();
    clear(this.el);
  }
}
