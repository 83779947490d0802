// Small DOM helpers shared by the views. Everything is built with createElement and textContent,
// never innerHTML, except Markdown output that markdown.js has sanitized.

/** h('div', {class: 'x', onclick: fn, dataset: {...}}, child, 'text', [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** The server's `{error, code}` text, or a plain description of a network failure. */
export function errorText(err) {
  if (!err) return 'Something went wrong';
  if (err.name === 'ApiError') return err.message;
  if (err instanceof TypeError) return 'Cannot reach the server. Check your connection.';
  return err.message || String(err);
}

let toastBox;
export function toast(message, kind = 'error') {
  if (!toastBox) {
    toastBox = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(toastBox);
  }
  const el = h('div', { class: `toast toast-${kind}` }, message);
  el.addEventListener('click', () => el.remove());
  toastBox.append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 7000 : 3500);
}

export function showError(err) {
  toast(errorText(err), 'error');
}

/** A dialog over the page; returns {el, close}. Escape and the backdrop close it. */
export function modal(title, body, { wide = false } = {}) {
  const close = () => {
    backdrop.remove();
    document.removeEventListener('keydown', onKey);
  };
  const onKey = (e) => { if (e.key === 'Escape') close(); };
  const box = h('div', { class: `modal${wide ? ' modal-wide' : ''}`, role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
    h('header', { class: 'modal-head' },
      h('h2', { text: title }),
      h('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Close', onclick: close, text: '✕' })),
    h('div', { class: 'modal-body' }, body));
  const backdrop = h('div', { class: 'backdrop', onmousedown: (e) => { if (e.target === backdrop) close(); } }, box);
  document.addEventListener('keydown', onKey);
  document.body.append(backdrop);
  const first = box.querySelector('input, select, textarea');
  if (first) first.focus();
  return { el: box, close };
}

const palette = ['#e8590c', '#2b8a3e', '#1971c2', '#9c36b5', '#c2255c', '#0c8599', '#5f3dc4', '#d9480f'];

export function avatar(name, url, { ai = false, size = 'md' } = {}) {
  if (url) return h('img', { class: `avatar avatar-${size}`, src: url, alt: '', loading: 'lazy' });
  const label = (name || '?').trim();
  let sum = 0;
  for (const ch of label) sum = (sum * 31 + ch.codePointAt(0)) >>> 0;
  const el = h('span', { class: `avatar avatar-${size}${ai ? ' avatar-ai' : ''}`, 'aria-hidden': 'true' },
    ai ? '✦' : [...label][0].toUpperCase());
  if (!ai) el.style.background = palette[sum % palette.length];
  return el;
}

export function formatTime(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function formatDay(iso) {
  const d = new Date(iso);
  const today = new Date();
  const yesterday = new Date(Date.now() - 86_400_000);
  if (d.toDateString() === today.toDateString()) return 'Today';
  if (d.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return d.toLocaleDateString([], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

/** crypto.randomUUID exists only in secure contexts; a LAN install over plain http has none. */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** navigator.clipboard also needs a secure context; fall back to a selected text field. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const field = h('textarea', { class: 'offscreen' }, text);
    document.body.append(field);
    field.select();
    document.execCommand('copy');
    field.remove();
  }
  toast('Copied to clipboard', 'info');
}

/** A labelled form field. */
export function field(label, input, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), input,
    hint ? h('span', { class: 'field-hint', text: hint }) : null);
}
