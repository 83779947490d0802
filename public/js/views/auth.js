// Log in and register forms, plus Nostr login when an extension is present.
import { api, session } from '../api.js';
import { h, clear, errorText, field } from '../dom.js';
import { nostrSignIn, whenNostrReady } from '../nostr.js';

/** Renders the auth card into `root`; calls onAuthenticated(user) once a token is stored. */
export function renderAuth(root, { onAuthenticated, intro, inviteToken }) {
  let mode = 'login';
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, minLength: 3, maxLength: 32, pattern: '[A-Za-z0-9_.\\-]+' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, minLength: 8 });
  const displayName = h('input', { name: 'display_name', autocomplete: 'nickname', maxLength: 64 });
  const displayField = field('Display name (optional)', displayName);
  const submit = h('button', { class: 'btn btn-primary btn-block', type: 'submit' });
  const switchLink = h('button', { class: 'link-btn', type: 'button', onclick: () => setMode(mode === 'login' ? 'register' : 'login') });
  const switchLine = h('p', { class: 'switch-line' });
  const title = h('h1');

  const form = h('form', { class: 'auth-form', novalidate: true, onsubmit: onSubmit },
    field('Username', username, null), field('Password', password), displayField, error, submit);

  const nostrBox = h('div', { class: 'nostr-box', hidden: true },
    h('div', { class: 'divider' }, h('span', { text: 'or' })),
    h('button', { class: 'btn btn-block btn-nostr', type: 'button', onclick: onNostr, text: 'Log in with Nostr extension' }));

  clear(root).append(h('main', { class: 'auth-page' },
    h('div', { class: 'auth-card' },
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', text: '✦' }), 'GroupChat'),
      intro || null, title, form, nostrBox, switchLine)));
  whenNostrReady(() => { nostrBox.hidden = false; });
  setMode('login');
  username.focus();

  function setMode(next) {
    mode = next;
    title.textContent = mode === 'login' ? 'Welcome back' : 'Create your account';
    submit.textContent = mode === 'login' ? 'Log in' : 'Create account';
    displayField.hidden = mode === 'login';
    password.autocomplete = mode === 'login' ? 'current-password' : 'new-password';
    switchLink.textContent = mode === 'login' ? 'Create an account' : 'Log in instead';
    clear(switchLine).append(mode === 'login' ? 'New here? ' : 'Already have an account? ', switchLink);
    showError(null);
  }

  function showError(message) {
    error.textContent = message || '';
    error.hidden = !message;
  }

  function localProblem() {
    const name = username.value.trim();
    if (!/^[A-Za-z0-9_.-]{3,32}$/.test(name)) return 'Username: 3 to 32 letters, digits, "_", "." or "-".';
    if ([...password.value].length < 8) return 'Password: at least 8 characters.';
    return null;
  }

  async function onSubmit(e) {
    e.preventDefault();
    const problem = mode === 'register' ? localProblem() : null;
    if (problem) { showError(problem); return; }
    submit.disabled = true;
    showError(null);
    try {
      const res = mode === 'login'
        ? await api.login(username.value.trim(), password.value)
        : await api.register(username.value.trim(), password.value, displayName.value.trim() || undefined, inviteToken);
      session.set(res.token);
      onAuthenticated(res.user);
    } catch (err) {
      showError(errorText(err));
    } finally {
      submit.disabled = false;
    }
  }

  async function onNostr() {
    showError(null);
    try {
      session.clear();
      const res = await nostrSignIn(api);
      session.set(res.token);
      onAuthenticated(res.user);
    } catch (err) {
      showError(errorText(err));
    }
  }
}
