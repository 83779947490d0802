// Changing stored messages in the open room: the inline editor, delete with a confirm, reaction
// toggles, and applying `message_updated` (from anyone, this tab included) in place.
import { api } from '../api.js';
import { h, showError, errorText } from '../dom.js';
import { messageElement } from './messages.js';
import { showEmojiPicker } from './reactions.js';

const MANAGERS = ['owner', 'admin'];

export class MessageChanges {
  /** `chat` is the ChatView: its room, app, members, messages and actions. */
  constructor(chat) {
    this.chat = chat;
  }

  /** The entries messageElement's `actions` needs for stored messages. */
  actions() {
    const chat = this.chat;
    return {
      get me() { return chat.app.user.id; },
      nameOf: (id) => chat.members.get(id)?.user.display_name || 'a former member',
      canEdit: (msg) => msg.kind === 'user' && msg.user_id === chat.app.user.id && !msg.deleted,
      canDelete: (msg) => !msg.deleted && (msg.user_id === chat.app.user.id || moderates(chat.room, msg)),
      edit: (msg, el) => this.edit(msg, el),
      remove: (msg) => this.remove(msg),
      toggleReaction: (msg, emoji) => this.toggleReaction(msg, emoji),
      pickReaction: (msg, anchor) => showEmojiPicker(anchor, (emoji) => this.react(msg, emoji, true)),
    };
  }

  /** Replaces the text of `el` with an editor: Enter saves, Shift+Enter is a new line, Escape cancels. */
  edit(msg, el) {
    if (!el || el.querySelector('.msg-editor')) return;
    const content = el.querySelector('.msg-content');
    const input = h('textarea', { class: 'msg-editor-input', 'aria-label': 'Edit message', maxLength: 16000, rows: 1 }, msg.content);
    const error = h('p', { class: 'form-error small', role: 'alert', hidden: true });
    const cancel = () => this.render(this.find(msg.id) || msg);
    const save = async () => {
      const text = input.value.trim();
      if (text === msg.content) { cancel(); return; }
      if (!text && !msg.image_url) { error.textContent = 'A message needs some text. Delete it instead?'; error.hidden = false; return; }
      try {
        this.apply(await api.editMessage(this.chat.room.id, msg.id, text));
      } catch (err) { error.textContent = errorText(err); error.hidden = false; }
    };
    const editor = h('form', { class: 'msg-editor', onsubmit: (e) => { e.preventDefault(); save(); } },
      input, error,
      h('div', { class: 'msg-editor-actions' },
        h('span', { class: 'muted small', text: 'Enter to save · Escape to cancel' }),
        h('button', { class: 'btn btn-ghost btn-small', type: 'button', dataset: { action: 'cancel-edit' }, onclick: cancel, text: 'Cancel' }),
        h('button', { class: 'btn btn-primary btn-small', type: 'submit', dataset: { action: 'save-edit' }, text: 'Save' })));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.preventDefault(); cancel(); }
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); save(); }
    });
    input.addEventListener('input', () => size(input));
    if (content) content.replaceWith(editor); else el.querySelector('.msg-body').append(editor);
    size(input);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  /** Opens the editor of my newest message still shown; false when there is none. */
  editLast() {
    const msg = this.chat.messages.findLast((m) => m.kind === 'user' && m.user_id === this.chat.app.user.id && !m.deleted);
    const el = msg && this.chat.list.querySelector(`.msg[data-id="${CSS.escape(msg.id)}"]`);
    if (!el) return false;
    el.scrollIntoView({ block: 'nearest' });
    this.edit(msg, el);
    return true;
  }

  async remove(msg) {
    if (!confirm(msg.user_id === this.chat.app.user.id ? 'Delete your message? Everyone will see "message deleted" in its place.'
      : `Delete this message by ${msg.display_name || msg.username || 'the assistant'}? Everyone will see "message deleted" in its place.`)) return;
    try {
      await api.deleteMessage(this.chat.room.id, msg.id);
    } catch (err) { showError(err); }
  }

  toggleReaction(msg, emoji) {
    const mine = (this.find(msg.id) || msg).reactions.some((r) => r.emoji === emoji && r.user_ids.includes(this.chat.app.user.id));
    return this.react(msg, emoji, !mine);
  }

  async react(msg, emoji, add) {
    const roomId = this.chat.room.id;
    try {
      const updated = await (add ? api.react(roomId, msg.id, emoji) : api.unreact(roomId, msg.id, emoji));
      if (this.chat.room?.id === roomId) this.apply(updated);
    } catch (err) { showError(err); }
  }

  find(id) {
    return this.chat.messages.find((m) => m.id === id) || null;
  }

  /** A changed message (the answer to our own change, or message_updated): shown in place, with the replies quoting it. */
  apply(msg) {
    const i = this.chat.messages.findIndex((m) => m.id === msg.id);
    if (i < 0) return;
    const before = this.chat.messages[i];
    this.chat.messages[i] = msg;
    const sameText = !msg.deleted && before.content === msg.content && before.edited_at === msg.edited_at;
    // Someone's reaction must not throw away what I am typing in the editor; my own saved edit closes it.
    this.render(msg, sameText);
    if (!sameText) for (const reply of this.chat.messages) if (reply.reply_to === msg.id) this.render(reply, true);
  }

  /** Re-renders the shown element of `msg`; with `keepEditor`, an open editor stays and only the reactions change. */
  render(msg, keepEditor = false) {
    const old = this.chat.list.querySelector(`.msg[data-id="${CSS.escape(msg.id)}"]`);
    if (!old) return;
    const fresh = messageElement(msg, old.classList.contains('msg-grouped'), this.chat.actions);
    const editor = keepEditor && old.querySelector('.msg-editor');
    if (!editor) { old.replaceWith(fresh); return; }
    old.querySelector('.reactions')?.remove();
    const reactions = fresh.querySelector('.reactions');
    if (reactions) editor.after(reactions);
  }
}

/** Owners and admins delete others' messages; in a direct room (both are owners) only the AI's and system ones. */
function moderates(room, msg) {
  return MANAGERS.includes(room.my_role) && !(room.kind === 'direct' && msg.kind === 'user');
}

function size(input) {
  input.style.height = 'auto';
  input.style.height = Math.min(input.scrollHeight + 2, 240) + 'px'; // + its border: no scrollbar for one line
}
