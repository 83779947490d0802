// /invite/<token>: preview the room without an account, accept after logging in if needed.
import { api, session } from '../api.js';
import { h, clear, errorText } from '../dom.js';

/** deps: {loggedIn, showAuth(intro, onAuthenticated), enter(user, room)} */
export async function renderInvitePage(root, token, deps) {
  const card = h('div', { class: 'auth-card invite-card' }, h('p', { class: 'muted', text: 'Loading invite…' }));
  clear(root).append(h('main', { class: 'auth-page' }, card));
  let preview;
  try {
    preview = await api.previewInvite(token);
  } catch (err) {
    const text = err.status === 404 ? 'This invite link does not exist.' : errorText(err);
    showProblem(card, 'Invite not found', text);
    return;
  }
  const { room } = preview;
  const summary = () => h('div', { class: 'invite-summary' },
    h('p', { class: 'muted small', text: 'You are invited to join' }),
    h('h1', { class: 'invite-room', text: room.name }),
    room.description ? h('p', { text: room.description }) : null,
    h('p', { class: 'muted small', text: `${room.member_count} member${room.member_count === 1 ? '' : 's'}` }));

  if (!preview.valid) {
    clear(card).append(summary(), h('p', { class: 'form-error', text: 'This invite has expired, been used up or been revoked. Ask for a new link.' }),
      h('a', { class: 'btn btn-ghost', href: '/', text: 'Go to GroupChat' }));
    return;
  }

  const accept = async (user) => {
    try {
      const joined = await api.acceptInvite(token);
      deps.enter(user, joined);
    } catch (err) {
      const failed = h('div', { class: 'auth-card invite-card' }, summary(),
        h('p', { class: 'form-error', role: 'alert', text: errorText(err) }),
        h('a', { class: 'btn btn-ghost', href: '/', text: 'Go to GroupChat' }));
      clear(root).append(h('main', { class: 'auth-page' }, failed));
    }
  };

  if (!deps.loggedIn) {
    deps.showAuth(summary(), (user) => accept(user));
    return;
  }
  let user;
  try {
    user = await api.me();
  } catch {
    session.clear();
    deps.showAuth(summary(), (u) => accept(u));
    return;
  }
  const button = h('button', { class: 'btn btn-primary btn-block', type: 'button', dataset: { action: 'accept-invite' }, text: `Join as ${user.display_name}` });
  button.addEventListener('click', () => { button.disabled = true; accept(user); });
  clear(card).append(summary(), button,
    h('p', { class: 'switch-line' }, 'Not you? ', h('button', { class: 'link-btn', type: 'button', onclick: () => {
      session.clear();
      deps.showAuth(summary(), (u) => accept(u));
    }, text: 'Use another account' })));
}

function showProblem(card, title, text) {
  clear(card).append(h('h1', { text: title }), h('p', { class: 'form-error', text }),
    h('a', { class: 'btn btn-ghost', href: '/', text: 'Go to GroupChat' }));
}
