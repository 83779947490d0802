// Profile dialog: display name, avatar, password, linking a Nostr key, log out.
import { api } from '../api.js';
import { h, field, modal, avatar, showError, errorText, toast } from '../dom.js';
import { hasNostrExtension, nostrSignIn } from '../nostr.js';

export function openProfile(app) {
  const user = app.user;
  const avatarBox = h('div', { class: 'profile-avatar' }, avatar(user.display_name, user.avatar_url, { size: 'lg' }));
  const fileInput = h('input', { type: 'file', accept: 'image/png,image/jpeg,image/gif,image/webp', hidden: true });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files[0];
    fileInput.value = '';
    if (!file) return;
    try {
      const updated = await api.uploadAvatar(file);
      app.setUser(updated);
      avatarBox.replaceChildren(avatar(updated.display_name, updated.avatar_url, { size: 'lg' }));
      toast('Avatar updated', 'info');
    } catch (err) { showError(err); }
  });

  const displayName = h('input', { name: 'display_name', value: user.display_name, maxLength: 64, required: true });
  const nameError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const nameForm = h('form', { class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    nameError.hidden = true;
    try {
      app.setUser(await api.updateProfile({ display_name: displayName.value.trim() }));
      toast('Display name saved', 'info');
    } catch (err) { nameError.textContent = errorText(err); nameError.hidden = false; }
  } }, field('Display name', displayName), nameError,
  h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'submit', text: 'Save name' })));

  const current = h('input', { name: 'current_password', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { name: 'new_password', type: 'password', autocomplete: 'new-password', minLength: 8 });
  const pwError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const pwForm = h('form', { class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    pwError.hidden = true;
    const body = { new_password: next.value };
    if (current.value) body.current_password = current.value;
    try {
      await api.updateProfile(body);
      current.value = ''; next.value = '';
      toast('Password changed', 'info');
    } catch (err) { pwError.textContent = errorText(err); pwError.hidden = false; }
  } }, h('h3', { class: 'section-title', text: 'Change password' }),
  field('Current password', current, 'Leave empty if your account was created with Nostr and has no password yet.'),
  field('New password', next, 'At least 8 characters.'), pwError,
  h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'submit', text: 'Change password' })));

  const nostr = h('div', { class: 'stack' }, h('h3', { class: 'section-title', text: 'Nostr' }),
    h('p', { class: 'muted small', text: user.nostr_pubkey ? `Linked key: ${user.nostr_pubkey.slice(0, 16)}…` : 'No Nostr key linked.' }));
  if (hasNostrExtension()) {
    nostr.append(h('div', { class: 'actions' }, h('button', { class: 'btn btn-ghost', type: 'button', onclick: async () => {
      try {
        const res = await nostrSignIn(api); // with our token set, the server links the key to this account
        app.setUser(res.user);
        toast('Nostr key linked', 'info');
        dialog.close();
      } catch (err) { showError(err); }
    }, text: user.nostr_pubkey ? 'Link another key from the extension' : 'Link key from extension' })));
  }

  const dialog = modal('Your profile', h('div', { class: 'stack' },
    h('div', { class: 'profile-top' }, avatarBox,
      h('div', {},
        h('strong', { text: user.display_name }), h('p', { class: 'muted small', text: '@' + user.username }),
        h('button', { class: 'btn btn-ghost btn-small', type: 'button', onclick: () => fileInput.click(), text: 'Change avatar' }), fileInput)),
    nameForm, pwForm, nostr,
    h('div', { class: 'danger-zone' }, h('button', { class: 'btn btn-ghost', type: 'button', onclick: () => app.logout(), text: 'Log out' }))));
}
