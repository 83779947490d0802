// Invite links of a room: create (optional use and time limits), copy, revoke.
import { api } from '../api.js';
import { h, clear, field, copyText, showError, errorText } from '../dom.js';

export function invitesPanel(room) {
  const list = h('div', { class: 'invite-list' });
  const maxUses = h('input', { name: 'max_uses', type: 'number', min: '1', placeholder: 'No limit' });
  const hours = h('input', { name: 'expires_in_hours', type: 'number', min: '1', placeholder: 'Never' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });

  const load = async () => {
    try {
      const invites = await api.invites(room.id);
      clear(list);
      if (!invites.length) list.append(h('p', { class: 'muted', text: 'No invite links yet.' }));
      for (const invite of invites) list.append(inviteRow(invite, load));
    } catch (err) {
      clear(list).append(h('p', { class: 'form-error', text: errorText(err) }));
    }
  };

  const form = h('form', { class: 'invite-form', onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    const body = { room_id: room.id };
    if (maxUses.value) body.max_uses = Number(maxUses.value);
    if (hours.value) body.expires_in_hours = Number(hours.value);
    try {
      const invite = await api.createInvite(body);
      await load();
      copyText(location.origin + invite.url);
    } catch (err) {
      error.textContent = errorText(err);
      error.hidden = false;
    }
  } },
  field('Max uses', maxUses), field('Expires after (hours)', hours),
  h('button', { class: 'btn btn-primary', type: 'submit', dataset: { action: 'create-invite' }, text: 'Create link' }));

  load();
  return h('div', { class: 'stack' }, form, error, list);
}

function inviteRow(invite, reload) {
  const url = location.origin + invite.url;
  const limits = [
    `${invite.uses}${invite.max_uses != null ? ' / ' + invite.max_uses : ''} uses`,
    invite.expires_at ? `expires ${new Date(invite.expires_at).toLocaleString()}` : 'never expires',
  ].join(' · ');
  return h('div', { class: 'invite-row' },
    h('div', { class: 'invite-info' },
      h('input', { class: 'invite-url', readOnly: true, value: url, 'aria-label': 'Invite link', onfocus: (e) => e.target.select() }),
      h('span', { class: 'muted small', text: limits })),
    h('button', { class: 'btn btn-ghost btn-small', type: 'button', dataset: { action: 'copy-invite' }, onclick: () => copyText(url), text: 'Copy' }),
    h('button', { class: 'btn btn-ghost btn-small', type: 'button', onclick: async () => {
      try { await api.revokeInvite(invite.token); reload(); } catch (err) { showError(err); }
    }, text: 'Revoke' }));
}
