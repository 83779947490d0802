// Unread counts kept on the server: seeded from the room list, counted up as messages arrive,
// settled by `read_marker` (which also comes from my other devices), shown in the room list and
// in the tab title as "(3) GroupChat".
import { api } from './api.js';

export class ReadState {
  constructor(app) {
    this.app = app;
    this.baseTitle = document.title;
    this.newest = new Map(); // room id -> id of the newest message this tab has seen arrive
    this.marked = new Map(); // room id -> the message id this tab last asked the server to mark
    this.refreshing = new Map();
  }

  /** The server's counts, from GET /api/rooms or one room's GET (a broadcast room_updated has none). */
  seen(room) {
    if (room.unread_count > 0) this.app.unread.set(room.id, room.unread_count); else this.app.unread.delete(room.id);
    this.render();
  }

  /** A stored message arrived over the socket (new_message, or an answer's ai_stream_end). */
  arrived(msg) {
    this.newest.set(msg.room_id, msg.id);
    if (msg.user_id === this.app.user.id || msg.deleted) return;
    this.app.unread.set(msg.room_id, (this.app.unread.get(msg.room_id) || 0) + 1);
    this.render();
  }

  /** My marker moved (here or on another device): nothing is unread if it is at the newest message. */
  onMarker(frame) {
    if (frame.message_id === this.newest.get(frame.room_id) || frame.message_id === this.marked.get(frame.room_id)) {
      this.app.unread.delete(frame.room_id);
      this.render();
    } else {
      this.refresh(frame.room_id);
    }
  }

  /** Tells the server that everything up to `messageId` was seen; once per message. */
  markRead(roomId, messageId) {
    if (this.marked.get(roomId) === messageId) return;
    this.marked.set(roomId, messageId);
    this.app.unread.delete(roomId);
    this.render();
    api.markRead(roomId, messageId).catch(() => this.marked.delete(roomId));
  }

  cleared(roomId) {
    this.app.unread.delete(roomId);
    this.render();
  }

  /** Asks the server for a room's count (after a delete or a marker we cannot place); bursts share one request. */
  refresh(roomId) {
    clearTimeout(this.refreshing.get(roomId));
    this.refreshing.set(roomId, setTimeout(async () => {
      this.refreshing.delete(roomId);
      try {
        if (this.app.rooms.has(roomId)) this.seen(await api.room(roomId));
      } catch { /* a room we left: member_left removes it */ }
    }, 200));
  }

  total() {
    let sum = 0;
    for (const [roomId, count] of this.app.unread) if (this.app.rooms.has(roomId)) sum += count;
    return sum;
  }

  render() {
    const total = this.total();
    document.title = total ? `(${total > 999 ? '999+' : total}) ${this.baseTitle}` : this.baseTitle;
    this.app.sidebar?.render();
  }
}
