// Direct rooms (two people, `kind: "direct"`), named after the other person, and the private room
// with only the assistant ("Chat with <AI_NAME>"), which is a group room the client creates.
import { api } from '../api.js';
import { h, modal, avatar, showError } from '../dom.js';
import { assistantName } from './assistant.js';

/** A private room where I am alone with the assistant answering everything. */
export function isAssistantRoom(room) {
  return room.kind !== 'direct' && !room.is_public && room.member_count === 1 && room.settings?.ai_mode === 'always';
}

/** How the room list and the header show `room`: {name, icon}. */
export function roomLabel(app, room) {
  if (room.kind === 'direct') return { name: app.directs?.peerName(room) || room.name, icon: 'at' };
  if (isAssistantRoom(room)) return { name: room.name, icon: 'sparkle' };
  return { name: room.name, icon: room.is_public ? 'hash' : 'lock' };
}

export class DirectRooms {
  constructor(app) {
    this.app = app;
    this.peers = new Map(); // direct room id -> the other member (User)
  }

  /**
   * The other person's display name. Until the room's members are loaded, the stored name
   * ("A & B", display names when it was made) without mine.
   */
  peerName(room) {
    const peer = this.peers.get(room.id);
    if (peer) return peer.display_name;
    const others = room.name.split(' & ').filter((n) => n !== this.app.user.display_name);
    return others.length === 1 ? others[0] : null;
  }

  /** Loads who the other member of direct room `roomId` is, then redraws the list and header. */
  async load(roomId) {
    try {
      const detail = await api.room(roomId);
      const peer = (detail.members || []).map((m) => m.user).find((u) => u.id !== this.app.user.id);
      if (!peer) return;
      this.peers.set(roomId, peer);
      this.app.sidebar?.render();
      if (this.app.chat?.room?.id === roomId) this.app.chat.renderHeader();
    } catch { /* the stored name stays */ }
  }

  /** Opens the direct room with `userId`, made on first use. */
  async open(userId) {
    try {
      const room = await api.openDm(userId);
      this.app.upsertRoom(room);
      await this.app.openRoom(room.id);
    } catch (err) { showError(err); }
  }

  /** Opens my private room with the assistant, making it the first time. */
  async openAssistant() {
    const mine = [...this.app.rooms.values()].find(isAssistantRoom);
    if (mine) { await this.app.openRoom(mine.id); return; }
    try {
      const room = await api.createRoom({ name: `Chat with ${assistantName(this.app.health)}`, is_public: false, settings: { ai_mode: 'always' } });
      this.app.upsertRoom(room);
      await this.app.openRoom(room.id);
    } catch (err) { showError(err); }
  }

  /** A card for a person (from a message's author): name, handle and "Message". */
  showPerson(user) {
    const me = user.id === this.app.user.id;
    const dialog = modal(user.display_name, h('div', { class: 'stack person-card' },
      h('div', { class: 'profile-top' }, avatar(user.display_name, user.avatar_url, { size: 'lg' }),
        h('div', {}, h('strong', { text: user.display_name }), h('p', { class: 'muted small', text: '@' + user.username }))),
      me ? null : h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'button', dataset: { action: 'direct-message' },
        onclick: () => { dialog.close(); this.open(user.id); }, text: 'Send a direct message' }))));
  }
}
