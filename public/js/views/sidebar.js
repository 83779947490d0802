// The room list: my rooms with unread counts, then direct messages (and "Chat with <AI_NAME>");
// search, create a room, browse and join public rooms.
import { api } from '../api.js';
import { h, clear, field, modal, avatar, icon, showError, errorText } from '../dom.js';
import { isAssistantRoom, roomLabel } from './directRooms.js';
import { assistantName } from './assistant.js';
import { searchBox } from './search.js';
import { openAdmin } from './admin.js';

export class Sidebar {
  constructor(app) {
    this.app = app;
    this.list = h('nav', { class: 'room-list', 'aria-label': 'Rooms' });
    this.directList = h('nav', { class: 'room-list direct-list', 'aria-label': 'Direct messages' });
    this.userCard = h('div', { class: 'user-card' });
    this.el = h('aside', { class: 'sidebar', id: 'sidebar' },
      h('div', { class: 'sidebar-head' },
        h('div', { class: 'brand' }, h('span', { class: 'brand-mark', text: '✦' }), 'GroupChat'),
        h('button', { class: 'icon-btn', type: 'button', title: 'Create a room', 'aria-label': 'Create a room', dataset: { action: 'create-room' }, onclick: () => this.createRoomDialog() }, icon('plus'))),
      searchBox(app),
      h('div', { class: 'room-lists' },
        h('div', { class: 'sidebar-section' },
          h('span', { text: 'Rooms' }),
          h('button', { class: 'link-btn', type: 'button', dataset: { action: 'browse-rooms' }, onclick: () => this.browseDialog(), text: 'Browse public' })),
        this.list,
        h('div', { class: 'sidebar-section' }, h('span', { text: 'Direct messages' })),
        this.directList),
      this.userCard);
  }

  render() {
    const { rooms } = this.app;
    const labelled = [...rooms.values()].map((room) => ({ room, label: roomLabel(this.app, room) }))
      .sort((a, b) => a.label.name.localeCompare(b.label.name));
    const isDirect = ({ room }) => room.kind === 'direct' || isAssistantRoom(room);
    const groups = labelled.filter((r) => !isDirect(r));
    const directs = labelled.filter(isDirect);
    clear(this.list).append(...groups.map((r) => this.roomItem(r)));
    if (groups.length === 0) {
      this.list.append(h('p', { class: 'empty-hint', text: 'No rooms yet. Create one with + or browse public rooms.' }));
    }
    clear(this.directList).append(...directs.map((r) => this.roomItem(r)));
    if (this.app.health.ai !== 'off' && !directs.some(({ room }) => isAssistantRoom(room))) {
      this.directList.append(h('button', { class: 'room-item', type: 'button', dataset: { action: 'chat-with-ai' }, onclick: () => this.app.directs.openAssistant() },
        h('span', { class: 'room-hash' }, icon('sparkle')), h('span', { class: 'room-name', text: `Chat with ${assistantName(this.app.health)}` })));
    }
    if (directs.length === 0) {
      this.directList.append(h('p', { class: 'empty-hint', text: 'Start one from a room\'s member list or a name on a message.' }));
    }
    this.renderUser();
  }

  roomItem({ room, label }) {
    const count = this.app.unread.get(room.id) || 0;
    return h('button', {
      class: `room-item${room.id === this.app.currentRoomId ? ' active' : ''}${count ? ' unread' : ''}`, type: 'button',
      dataset: { roomId: room.id, kind: room.kind || 'group' }, onclick: () => this.app.openRoom(room.id),
    },
    h('span', { class: 'room-hash' }, icon(label.icon)),
    h('span', { class: 'room-name', text: label.name }),
    count ? h('span', { class: 'badge', title: `${count} unread`, text: count > 99 ? '99+' : String(count) }) : null);
  }

  renderUser() {
    const user = this.app.user;
    clear(this.userCard).append(
      h('button', { class: 'user-btn', type: 'button', title: 'Profile', dataset: { action: 'profile' }, onclick: () => this.app.openProfile() },
        avatar(user.display_name, user.avatar_url, { size: 'sm' }),
        h('span', { class: 'user-names' },
          h('span', { class: 'user-display', text: user.display_name }),
          h('span', { class: 'user-handle', text: '@' + user.username }))),
      this.app.notifier.bell(),
      // Only server admins see the entry; the admin routes refuse everyone else anyway.
      ...(user.is_admin ? [h('button', { class: 'btn btn-ghost btn-small', type: 'button', dataset: { action: 'admin' }, onclick: () => openAdmin(this.app), text: 'Admin' })] : []),
      h('button', { class: 'btn btn-ghost btn-small', type: 'button', dataset: { action: 'logout' }, onclick: () => this.app.logout(), text: 'Log out' }));
  }

  createRoomDialog() {
    const name = h('input', { name: 'name', required: true, maxLength: 100 });
    const description = h('textarea', { name: 'description', rows: 3, maxLength: 1000 });
    const isPublic = h('input', { name: 'is_public', type: 'checkbox' });
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const form = h('form', { class: 'stack', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const room = await api.createRoom({ name: name.value.trim(), description: description.value.trim(), is_public: isPublic.checked });
        dialog.close();
        this.app.upsertRoom(room);
        this.app.openRoom(room.id);
      } catch (err) {
        error.textContent = errorText(err);
        error.hidden = false;
      }
    } },
    field('Name', name), field('Description', description),
    h('label', { class: 'check' }, isPublic, 'Public: anyone on this server can find and join it'),
    error, h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'submit', text: 'Create room' })));
    const dialog = modal('Create a room', form);
  }

  async browseDialog() {
    const body = h('div', { class: 'stack' }, h('p', { class: 'muted', text: 'Loading…' }));
    const dialog = modal('Public rooms', body);
    try {
      const rooms = await api.publicRooms();
      clear(body);
      if (rooms.length === 0) body.append(h('p', { class: 'muted', text: 'There are no public rooms yet.' }));
      for (const room of rooms) {
        const mine = this.app.rooms.has(room.id);
        body.append(h('div', { class: 'public-room' },
          h('div', {},
            h('strong', { text: room.name }),
            h('p', { class: 'muted small', text: `${room.member_count} member${room.member_count === 1 ? '' : 's'}${room.description ? ' · ' + room.description : ''}` })),
          h('button', { class: `btn ${mine ? 'btn-ghost' : 'btn-primary'} btn-small`, type: 'button', onclick: async () => {
            try {
              const joined = mine ? room : await api.joinRoom(room.id);
              dialog.close();
              this.app.upsertRoom(joined);
              this.app.openRoom(joined.id);
            } catch (err) { showError(err); }
          }, text: mine ? 'Open' : 'Join' })));
      }
    } catch (err) {
      clear(body).append(h('p', { class: 'form-error', text: errorText(err) }));
    }
  }
}
