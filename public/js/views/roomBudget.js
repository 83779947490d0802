// The room's AI spend this month against its budget, in the room settings; owners set the room's own budget.
import { request } from '../api.js';
import { h, clear, field } from '../dom.js';
import { usd } from './charts.js';

/** Returns {el, settings()}: settings() is what to merge into the room's settings on save. */
export function budgetSection(room, isOwner) {
  const own = room.settings?.ai_budget_usd;
  const input = h('input', { name: 'ai_budget_usd', type: 'number', min: '0', step: '0.01', inputMode: 'decimal',
    value: own === null || own === undefined ? '' : String(own), disabled: !isOwner, placeholder: 'No budget of its own' });
  const meters = h('div', { class: 'budget-meters', dataset: { role: 'room-budget' } }, h('p', { class: 'muted small', text: 'Loading this month’s spend…' }));
  request('GET', `/api/rooms/${encodeURIComponent(room.id)}/usage`).then((usage) => {
    const b = usage.budget || {};
    clear(meters).append(
      meter('This room', b.room_spent_usd, b.room_usd),
      meter('You, in all rooms', b.user_spent_usd, b.user_usd),
      b.period_start ? h('p', { class: 'muted small', text: `Month started ${new Date(b.period_start).toLocaleDateString([], { timeZone: 'UTC' })} (UTC); budgets renew on the 1st.` }) : null);
  }).catch(() => clear(meters).append(h('p', { class: 'muted small', text: 'The spend could not be loaded.' })));
  return {
    el: h('div', { class: 'stack' }, h('h3', { class: 'section-title', text: 'AI spend this month' }), meters,
      field('Room budget per month (USD)', input, isOwner
        ? 'Answers stop for the rest of the month once the room has spent this. Empty: only the server’s limits apply.'
        : 'Set by the room’s owner.')),
    settings() {
      if (!isOwner) return {};
      return { ai_budget_usd: input.value.trim() === '' ? null : Number(input.value) };
    },
  };
}

function meter(label, spent, budget) {
  const amount = Number(spent) || 0;
  const limited = budget !== null && budget !== undefined;
  const share = limited ? (budget > 0 ? Math.min(1, amount / budget) : 1) : 0;
  const fill = h('span');
  fill.style.width = `${(share * 100).toFixed(1)}%`;
  return h('div', { class: 'budget-meter' },
    h('div', { class: 'budget-text' }, h('span', { text: label }),
      h('strong', { text: limited ? `${usd(amount)} of ${usd(budget)}` : `${usd(amount)} (no budget)` })),
    limited ? h('div', { class: `budget-bar${share >= 1 ? ' spent' : ''}`, role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(budget), 'aria-valuenow': String(amount) },
      fill) : null);
}
