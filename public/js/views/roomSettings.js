// Room settings dialog: settings (owner/admin edit), members and roles, invites, leave/clear/delete.
import { api } from '../api.js';
import { h, clear, field, modal, avatar, showError, errorText, toast } from '../dom.js';
import { invitesPanel } from './invitesPanel.js';
import { stripMembers } from './chat.js';
import { budgetSection } from './roomBudget.js';

const canManage = (room) => room.my_role === 'owner' || room.my_role === 'admin';

export function openRoomSettings(app, room, tab = 'settings') {
  const tabs = [['settings', 'Settings'], ['members', 'Members']];
  if (canManage(room) && room.kind !== 'direct') tabs.push(['invites', 'Invites']); // a direct room takes no one else
  const panel = h('div', { class: 'tab-panel' });
  const tabBar = h('div', { class: 'tabs', role: 'tablist' });
  const dialog = modal(room.name, h('div', {}, tabBar, panel), { wide: true });

  function show(name) {
    clear(tabBar);
    for (const [key, label] of tabs) {
      tabBar.append(h('button', { class: `tab${key === name ? ' active' : ''}`, type: 'button', role: 'tab', dataset: { tab: key }, onclick: () => show(key), text: label }));
    }
    clear(panel);
    const current = app.rooms.get(room.id) || room;
    if (name === 'settings') panel.append(settingsPanel(app, current, dialog));
    else if (name === 'members') panel.append(membersPanel(app, current, dialog));
    else panel.append(invitesPanel(current));
  }
  show(tabs.some(([k]) => k === tab) ? tab : 'settings');
}

function settingsPanel(app, room, dialog) {
  const editable = canManage(room);
  const s = room.settings || {};
  const name = h('input', { name: 'name', value: room.name, maxLength: 100, disabled: !editable });
  const description = h('textarea', { name: 'description', rows: 2, maxLength: 1000, disabled: !editable }, room.description || '');
  const isPublic = h('input', { name: 'is_public', type: 'checkbox', checked: !!room.is_public, disabled: !editable || room.kind === 'direct' });
  const aiMode = h('select', { name: 'ai_mode', disabled: !editable },
    h('option', { value: 'mention', text: 'When mentioned (@ai)' }),
    h('option', { value: 'always', text: 'Every message' }),
    h('option', { value: 'off', text: 'Off' }));
  aiMode.value = s.ai_mode || 'mention';
  const model = h('select', { name: 'ai_model', disabled: !editable }, h('option', { value: '', text: 'Server default' }));
  if (s.ai_model) model.append(h('option', { value: s.ai_model, text: s.ai_model }));
  model.value = s.ai_model || '';
  const prompt = h('textarea', { name: 'ai_system_prompt', rows: 3, disabled: !editable, placeholder: 'Extra instructions for the assistant in this room' }, s.ai_system_prompt || '');
  const webSearch = h('input', { name: 'ai_web_search', type: 'checkbox', checked: s.ai_web_search !== false, disabled: !editable });
  const budget = budgetSection(room, room.my_role === 'owner');
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });

  if (editable) {
    api.models().then((models) => {
      for (const m of models) {
        if (m.id === s.ai_model) continue;
        model.append(h('option', { value: m.id, text: m.name && m.name !== m.id ? `${m.name} (${m.id})` : m.id }));
      }
      model.value = s.ai_model || '';
    }).catch(() => { /* the list is a convenience: the current model stays selectable */ });
  }

  const form = h('form', { class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      const updated = await api.updateRoom(room.id, {
        name: name.value.trim(), description: description.value.trim(), is_public: isPublic.checked,
        settings: { ai_mode: aiMode.value, ai_model: model.value || null, ai_system_prompt: prompt.value, ai_web_search: webSearch.checked, ...budget.settings() },
      });
      app.upsertRoom(stripMembers(updated));
      toast('Room settings saved', 'info');
      dialog.close();
    } catch (err) {
      error.textContent = errorText(err);
      error.hidden = false;
    }
  } },
  field('Name', name), field('Description', description),
  h('label', { class: 'check' }, isPublic, 'Public room (listed and open to everyone on this server)'),
  h('h3', { class: 'section-title', text: 'Assistant' }),
  // Without an assistant on the server these settings do nothing: greyed, and saved as they were.
  h('fieldset', { class: 'ai-settings stack', disabled: app.health.ai === 'off' },
    app.health.ai === 'off' ? h('p', { class: 'field-hint ai-off-note', text: 'The AI assistant is not set up on this server (no OpenRouter API key), so it does not answer in any room.' }) : null,
    field('Answers', aiMode), field('Model', model), field('System prompt', prompt),
    h('label', { class: 'check' }, webSearch, 'Allow web search and reading pages'),
    budget.el),
  error,
  editable ? h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'submit', dataset: { action: 'save-settings' }, text: 'Save' })) : null);

  const danger = h('div', { class: 'danger-zone' },
    h('button', { class: 'btn btn-ghost', type: 'button', dataset: { action: 'leave-room' }, onclick: () => leave(app, room, dialog), text: 'Leave room' }),
    editable ? h('button', { class: 'btn btn-ghost', type: 'button', onclick: async () => {
      if (!confirm('Delete every message in this room?')) return;
      try { await api.clearRoom(room.id); dialog.close(); } catch (err) { showError(err); }
    }, text: 'Clear history' }) : null,
    room.my_role === 'owner' ? h('button', { class: 'btn btn-danger', type: 'button', onclick: async () => {
      if (!confirm(`Delete the room "${room.name}" for everyone?`)) return;
      try { await api.deleteRoom(room.id); dialog.close(); app.removeRoom(room.id, 'deleted'); } catch (err) { showError(err); }
    }, text: 'Delete room' }) : null);
  return h('div', {}, form, danger);
}

async function leave(app, room, dialog) {
  if (!confirm(`Leave "${room.name}"?`)) return;
  try {
    await api.removeMember(room.id, app.user.id);
    dialog.close();
    app.removeRoom(room.id, 'you left the room');
  } catch (err) { showError(err); }
}

function membersPanel(app, room, dialog) {
  const box = h('div', { class: 'member-list' }, h('p', { class: 'muted', text: 'Loading…' }));
  const load = async () => {
    try {
      const detail = await api.room(room.id);
      clear(box);
      for (const member of detail.members || []) box.append(memberRow(app, detail, member, load, dialog));
      box.append(h('div', { class: 'danger-zone' },
        h('button', { class: 'btn btn-ghost', type: 'button', onclick: () => leave(app, room, dialog), text: 'Leave room' })));
    } catch (err) {
      clear(box).append(h('p', { class: 'form-error', text: errorText(err) }));
    }
  };
  load();
  return box;
}

function memberRow(app, room, member, reload, dialog) {
  const { user, role } = member;
  const me = user.id === app.user.id;
  const controls = h('div', { class: 'member-actions' });
  if (room.my_role === 'owner' && role !== 'owner' && !me) {
    const select = h('select', { 'aria-label': `Role of ${user.display_name}` },
      h('option', { value: 'member', text: 'member' }), h('option', { value: 'admin', text: 'admin' }));
    select.value = role;
    select.addEventListener('change', async () => {
      try { await api.setRole(room.id, user.id, select.value); toast(`${user.display_name} is now ${select.value}`, 'info'); }
      catch (err) { select.value = role; showError(err); }
    });
    controls.append(select);
  } else {
    controls.append(h('span', { class: `role role-${role}`, text: role }));
  }
  if (!me) {
    controls.append(h('button', { class: 'btn btn-ghost btn-small', type: 'button', dataset: { action: 'direct-message' },
      onclick: () => { dialog.close(); app.directs.open(user.id); }, text: 'Message' }));
  }
  const mayRemove = !me && role !== 'owner' && (room.my_role === 'owner' || (room.my_role === 'admin' && role === 'member'));
  if (mayRemove) {
    controls.append(h('button', { class: 'btn btn-ghost btn-small', type: 'button', onclick: async () => {
      if (!confirm(`Remove ${user.display_name} from the room?`)) return;
      try { await api.removeMember(room.id, user.id); reload(); } catch (err) { showError(err); }
    }, text: 'Remove' }));
  }
  return h('div', { class: 'member-row' },
    avatar(user.display_name, user.avatar_url, { size: 'sm' }),
    h('div', { class: 'member-names' },
      h('span', { text: user.display_name + (me ? ' (you)' : '') }),
      h('span', { class: 'muted small', text: '@' + user.username })),
    controls);
}
