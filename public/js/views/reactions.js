// Reactions under a message: one chip per emoji with its count (mine highlighted, who reacted in
// the tooltip), a click toggles mine; and the emoji picker that adds one.
import { h, icon } from '../dom.js';

// A short built-in list: the reactions people actually use, no emoji data file or CDN needed.
export const EMOJI = [
  '👍', '👎', '❤️', '😂', '😮', '😢', '🎉', '🙏', '👀', '🔥', '✅', '❌', '💯', '🚀', '🤔', '👏',
  '😄', '😍', '🙌', '💡', '⚠️', '🐛', '☕', '🍰', '✨', '😅', '🤝', '👋', '😎', '🥳', '💪', '⭐',
];

/**
 * The chips of `msg`, or null when it has none. `actions` gives me (my user id), nameOf(userId),
 * toggleReaction(msg, emoji) and pickReaction(msg, anchor).
 */
export function reactionRow(msg, actions) {
  if (msg.deleted || !msg.reactions?.length || !actions?.toggleReaction) return null;
  const chips = msg.reactions.map((r) => {
    const mine = r.user_ids.includes(actions.me);
    const names = r.user_ids.map((id) => (id === actions.me ? 'you' : actions.nameOf(id)));
    return h('button', {
      class: `reaction${mine ? ' reaction-mine' : ''}`, type: 'button', 'aria-pressed': String(mine),
      title: `${names.join(', ')} reacted with ${r.emoji}`, dataset: { emoji: r.emoji },
      onclick: () => actions.toggleReaction(msg, r.emoji),
    }, h('span', { class: 'reaction-emoji', text: r.emoji }), h('span', { class: 'reaction-count', text: String(r.count) }));
  });
  const more = h('button', { class: 'reaction reaction-add', type: 'button', title: 'Add a reaction', 'aria-label': 'Add a reaction',
    onclick: (e) => actions.pickReaction(msg, e.currentTarget) }, icon('smile'));
  return h('div', { class: 'reactions' }, chips, more);
}

let openPicker = null;

/** A popover of EMOJI beside `anchor`; `onPick(emoji)` runs for the one clicked. Escape or a click elsewhere closes it. */
export function showEmojiPicker(anchor, onPick) {
  closeEmojiPicker();
  const grid = h('div', { class: 'emoji-picker', role: 'dialog', 'aria-label': 'Pick a reaction' },
    EMOJI.map((e) => h('button', { class: 'emoji-option', type: 'button', title: e, text: e, dataset: { emoji: e },
      onclick: () => { closeEmojiPicker(); onPick(e); } })));
  document.body.append(grid);
  // Fixed and clamped to the viewport, so it is never cut off at a screen edge (phones).
  const a = anchor.getBoundingClientRect();
  const g = grid.getBoundingClientRect();
  const left = Math.max(8, Math.min(a.right - g.width, window.innerWidth - g.width - 8));
  const top = a.top - g.height - 6 >= 8 ? a.top - g.height - 6 : Math.min(a.bottom + 6, window.innerHeight - g.height - 8);
  grid.style.left = `${left}px`;
  grid.style.top = `${top}px`;
  const onDown = (e) => { if (!grid.contains(e.target) && !anchor.contains(e.target)) closeEmojiPicker(); };
  const onKey = (e) => { if (e.key === 'Escape') closeEmojiPicker(); };
  document.addEventListener('mousedown', onDown, true);
  document.addEventListener('touchstart', onDown, true);
  document.addEventListener('keydown', onKey);
  openPicker = { grid, undo: () => {
    document.removeEventListener('mousedown', onDown, true);
    document.removeEventListener('touchstart', onDown, true);
    document.removeEventListener('keydown', onKey);
  } };
  grid.querySelector('button').focus();
}

export function closeEmojiPicker() {
  if (!openPicker) return;
  openPicker.undo();
  openPicker.grid.remove();
  openPicker = null;
}
