// @mention autocomplete for the message box: the room's members and the assistant.
import { h, avatar } from '../dom.js';

const MAX_SHOWN = 8;
// An "@" where the server's mention rule sees one (not after a letter, digit or "@"), then the word typed so far.
const TYPED_MENTION = /(?:^|[^\p{L}\p{N}@])@([\p{L}\p{N}_.-]*)$/u;

export class MentionPicker {
  /**
   * `candidates()` returns who can be mentioned now: [{handle, name, avatar_url, ai}]; picking one
   * writes `@handle ` in place of what was typed after the "@".
   */
  constructor(input, candidates) {
    this.input = input;
    this.candidates = candidates;
    this.items = [];
    this.active = 0;
    this.start = -1;
    this.el = h('ul', { class: 'mention-picker', role: 'listbox', 'aria-label': 'Mention', hidden: true });
    input.addEventListener('input', () => this.update());
    input.addEventListener('click', () => this.update());
    input.addEventListener('blur', () => this.close());
  }

  get open() { return !this.el.hidden; }

  update() {
    const caret = this.input.selectionStart;
    const typed = caret === this.input.selectionEnd && TYPED_MENTION.exec(this.input.value.slice(0, caret));
    if (!typed) { this.close(); return; }
    const query = typed[1].toLowerCase();
    const matches = (c) => c.handle.toLowerCase().startsWith(query)
      || c.name.toLowerCase().split(/\s+/).some((word) => word.startsWith(query));
    this.items = this.candidates().filter(matches).slice(0, MAX_SHOWN);
    if (!this.items.length) { this.close(); return; }
    this.start = caret - typed[1].length - 1;
    this.active = 0;
    this.render();
  }

  /** The candidates changed (members loaded, joined or left): an open list follows. */
  refresh() {
    if (this.open) this.update();
  }

  render() {
    this.el.replaceChildren(...this.items.map((c, i) => h('li', {
      class: `mention-option${i === this.active ? ' active' : ''}${c.ai ? ' mention-ai' : ''}`,
      role: 'option', 'aria-selected': String(i === this.active), dataset: { handle: c.handle },
      // mousedown, not click: the message box must keep the focus (its blur closes the list).
      onmousedown: (e) => { e.preventDefault(); this.pick(c); },
    },
    avatar(c.name, c.avatar_url, { ai: c.ai, size: 'sm' }),
    h('span', { class: 'mention-name', text: c.name }),
    h('span', { class: 'mention-handle', text: '@' + c.handle }))));
    this.el.hidden = false;
  }

  /** Arrow keys, Enter/Tab and Escape while the list is open; true when the key was used. */
  handleKey(e) {
    if (!this.open || e.isComposing) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.items.length) % this.items.length;
      this.render();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      this.pick(this.items[this.active]);
    } else if (e.key === 'Escape') {
      this.close();
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  }

  pick(candidate) {
    const { value, selectionStart: caret } = this.input;
    const text = `@${candidate.handle} `;
    this.input.value = value.slice(0, this.start) + text + value.slice(caret);
    const at = this.start + text.length;
    this.input.setSelectionRange(at, at);
    this.close();
    this.input.dispatchEvent(new Event('input'));
  }

  close() {
    this.el.hidden = true;
    this.items = [];
  }
}
