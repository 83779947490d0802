// Browser notifications while the tab is hidden or in the background: when someone mentions me,
// writes to me in a direct room, or when the assistant answers a message of mine. Off until the
// user turns them on with the bell (the browser asks for permission on that click).
import { h, icon, toast } from './dom.js';
import { assistantAnswers, assistantName } from './views/assistant.js';
import { roomLabel } from './views/directRooms.js';
import { excerpt } from './views/messages.js';

const KEY = 'groupchat.notifications';

/** The contract's mention rule: "@" not after a letter, digit or "@"; the name not followed by a letter, digit or "_". */
export function mentions(text, name) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return new RegExp(`(?:^|[^\\p{L}\\p{N}@])@${escaped}(?![\\p{L}\\p{N}_])`, 'iu').test(text || '');
}

export class Notifier {
  constructor(app) {
    this.app = app;
    this.waiting = new Set(); // rooms where a message of mine asked the assistant and it has not answered yet
  }

  get supported() { return 'Notification' in window; }

  get enabled() {
    return this.supported && Notification.permission === 'granted' && localStorage.getItem(KEY) === 'on';
  }

  /** The bell in the sidebar: shows whether notifications are on; a click turns them on (asking the browser) or off. */
  bell() {
    if (!this.supported) return null;
    const button = h('button', { class: 'icon-btn bell', type: 'button', dataset: { action: 'notifications' }, onclick: () => this.toggle(button) }, icon('bell'));
    this.paint(button);
    return button;
  }

  paint(button) {
    const on = this.enabled;
    button.classList.toggle('bell-on', on);
    button.setAttribute('aria-pressed', String(on));
    const label = on ? 'Notifications on: click to turn off' : 'Notify me of mentions, direct messages and answers';
    button.title = label;
    button.setAttribute('aria-label', label);
  }

  async toggle(button) {
    if (this.enabled) {
      localStorage.setItem(KEY, 'off');
    } else {
      const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
      if (permission === 'granted') localStorage.setItem(KEY, 'on');
      else toast('Notifications are blocked for this site in your browser settings.', 'info');
    }
    this.paint(button);
  }

  /** Every stored message of my rooms passes here (new_message). */
  onMessage(msg) {
    const me = this.app.user;
    const room = this.app.rooms.get(msg.room_id);
    if (!room || msg.kind === 'ai') return;
    if (msg.user_id === me.id) {
      const name = assistantName(this.app.health);
      const asks = room.settings?.ai_mode === 'always' || mentions(msg.content, 'ai') || mentions(msg.content, name);
      if (asks && assistantAnswers(this.app.health, room)) this.waiting.add(room.id);
      return;
    }
    if (msg.kind === 'user' && (room.kind === 'direct' || mentions(msg.content, me.username))) {
      this.show(msg, `${msg.display_name || msg.username} in ${roomLabel(this.app, room).name}`);
    }
  }

  /** An answer was stored (ai_stream_end): notify when it answers a message of mine. */
  onAnswer(roomId, msg) {
    if (!this.waiting.delete(roomId) || !msg) return;
    const room = this.app.rooms.get(roomId);
    if (room) this.show(msg, `${assistantName(this.app.health)} answered you in ${roomLabel(this.app, room).name}`);
  }

  show(msg, title) {
    if (!this.enabled || (!document.hidden && document.hasFocus())) return;
    const n = new Notification(title, { body: excerpt(msg, 160), tag: msg.id, icon: '/favicon.svg' });
    n.onclick = () => {
      window.focus();
      n.close();
      this.app.showMessage(msg);
    };
  }
}
