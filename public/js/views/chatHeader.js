// The open room's header: the drawer button on phones, the room's name (the other person's for a
// direct room), its member count and description, and the settings button.
import { h, icon } from '../dom.js';
import { roomLabel } from './directRooms.js';

export class ChatHeader {
  constructor(app) {
    this.app = app;
    this.titleText = h('span');
    this.titleIcon = h('span', { class: 'room-hash' });
    this.subtitle = h('p', { class: 'chat-subtitle' });
    this.membersBtn = h('button', { class: 'link-btn small', type: 'button', dataset: { action: 'members' }, onclick: () => app.openRoomSettings('members') });
    this.el = h('header', { class: 'chat-head' },
      h('button', { class: 'icon-btn menu-btn', type: 'button', 'aria-label': 'Rooms', 'aria-controls': 'sidebar', onclick: () => app.toggleDrawer() }, icon('menu')),
      h('div', { class: 'chat-titles' },
        h('h1', { class: 'chat-title' }, this.titleIcon, this.titleText),
        h('div', { class: 'chat-meta' }, this.membersBtn, this.subtitle)),
      h('button', { class: 'icon-btn', type: 'button', title: 'Room settings', 'aria-label': 'Room settings', dataset: { action: 'room-settings' }, onclick: () => app.openRoomSettings('settings') }, icon('gear')));
  }

  render(room) {
    const label = roomLabel(this.app, room);
    this.titleIcon.replaceChildren(icon(label.icon));
    this.titleText.textContent = label.name;
    this.subtitle.textContent = room.kind === 'direct' ? 'Direct message' : room.description || '';
    this.membersBtn.textContent = `${room.member_count} member${room.member_count === 1 ? '' : 's'}`;
  }
}
