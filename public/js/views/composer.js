// The message box: Enter to send, images by button, paste or drop, typing frames, stop button,
// the message being replied to, and @mention autocomplete.
import { api } from '../api.js';
import { h, icon, showError } from '../dom.js';
import { quoteParts } from './messages.js';
import { MentionPicker } from './mentionPicker.js';

const TYPING_REPEAT_MS = 3000;
const TYPING_IDLE_MS = 3500;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export class Composer {
  /**
   * onSend({content, image_url, reply_to}) sends; onTyping(bool) and onStop() talk to the socket;
   * mentionables() lists who @ can complete (see MentionPicker); onEditLast() opens my last message's
   * editor (Arrow Up in an empty box) and says whether there was one.
   */
  constructor({ onSend, onTyping, onStop, mentionables, onEditLast }) {
    this.onSend = onSend;
    this.onTyping = onTyping;
    this.image = null; // {url, previewUrl} once uploaded, {uploading: true} while uploading
    this.replyingTo = null;
    this.typingSentAt = 0;

    this.input = h('textarea', { class: 'composer-input', rows: 1, 'aria-label': 'Message', maxLength: 16000 });
    this.fileInput = h('input', { type: 'file', accept: IMAGE_TYPES.join(','), hidden: true, onchange: () => {
      if (this.fileInput.files[0]) this.attach(this.fileInput.files[0]);
      this.fileInput.value = '';
    } });
    this.preview = h('div', { class: 'composer-preview', hidden: true });
    this.replyBox = h('div', { class: 'composer-reply', hidden: true });
    this.mentions = new MentionPicker(this.input, mentionables);
    this.stopBtn = h('button', { class: 'btn btn-stop btn-small', type: 'button', hidden: true, dataset: { action: 'stop-ai' }, onclick: onStop, text: '■ Stop' });
    this.sendBtn = h('button', { class: 'btn btn-primary composer-send', type: 'submit', 'aria-label': 'Send', text: 'Send' });

    this.el = h('form', { class: 'composer', onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      this.mentions.el, this.replyBox, this.preview,
      h('div', { class: 'composer-row' },
        h('button', { class: 'icon-btn', type: 'button', title: 'Attach an image', 'aria-label': 'Attach an image', onclick: () => this.fileInput.click() }, icon('clip')),
        this.input, this.stopBtn, this.sendBtn),
      this.fileInput);

    this.input.addEventListener('keydown', (e) => {
      if (this.mentions.handleKey(e)) return;
      if (e.key === 'Escape' && this.replyingTo) { e.preventDefault(); this.cancelReply(); return; }
      if (e.key === 'ArrowUp' && !this.input.value && onEditLast?.()) { e.preventDefault(); return; }
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.submit(); }
    });
    this.input.addEventListener('input', () => { this.autosize(); this.typed(); });
    this.input.addEventListener('paste', (e) => {
      const file = [...(e.clipboardData?.files || [])].find((f) => f.type.startsWith('image/'));
      if (file) { e.preventDefault(); this.attach(file); }
    });
  }

  /** Drag and drop anywhere on `zone` attaches the dropped image. */
  acceptDrops(zone) {
    zone.addEventListener('dragover', (e) => {
      if ([...e.dataTransfer.types].includes('Files')) { e.preventDefault(); zone.classList.add('drop-target'); }
    });
    zone.addEventListener('dragleave', (e) => { if (e.target === zone) zone.classList.remove('drop-target'); });
    zone.addEventListener('drop', (e) => {
      zone.classList.remove('drop-target');
      const file = [...(e.dataTransfer?.files || [])].find((f) => f.type.startsWith('image/'));
      if (file) { e.preventDefault(); this.attach(file); }
    });
  }

  autosize() {
    this.input.style.height = 'auto';
    this.input.style.height = Math.min(this.input.scrollHeight, 200) + 'px';
  }

  /** Sends typing=true at most every few seconds while keys are pressed, and false when idle. */
  typed() {
    const now = Date.now();
    if (this.input.value.trim() && now - this.typingSentAt > TYPING_REPEAT_MS) {
      this.typingSentAt = now;
      this.onTyping(true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping() {
    clearTimeout(this.idleTimer);
    if (this.typingSentAt) {
      this.typingSentAt = 0;
      this.onTyping(false);
    }
  }

  async attach(file) {
    if (!IMAGE_TYPES.includes(file.type)) { showError(new Error('Only PNG, JPEG, GIF or WebP images can be sent.')); return; }
    this.clearImage();
    const previewUrl = URL.createObjectURL(file);
    const token = {};
    this.image = { uploading: true, token, previewUrl };
    this.renderPreview('Uploading…');
    try {
      const res = await api.uploadImage(file);
      if (this.image?.token !== token) return;
      this.image = { url: res.url, previewUrl };
      this.renderPreview(null);
    } catch (err) {
      if (this.image?.token === token) this.clearImage();
      showError(err);
    }
  }

  renderPreview(status) {
    this.preview.replaceChildren(
      h('img', { src: this.image.previewUrl, alt: 'Image to send' }),
      status ? h('span', { class: 'muted small', text: status }) : null,
      h('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Remove image', onclick: () => this.clearImage() }, icon('close')));
    this.preview.hidden = false;
    this.sendBtn.disabled = !!this.image.uploading;
  }

  clearImage() {
    if (this.image?.previewUrl) URL.revokeObjectURL(this.image.previewUrl);
    this.image = null;
    this.preview.replaceChildren();
    this.preview.hidden = true;
    this.sendBtn.disabled = false;
  }

  /** Shows `msg` above the box; the next message sent replies to it. */
  replyTo(msg) {
    this.replyingTo = msg;
    this.replyBox.replaceChildren(
      h('span', { class: 'composer-reply-text' }, icon('reply'), 'Replying to ', ...quoteParts(msg)),
      h('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Cancel the reply', dataset: { action: 'cancel-reply' }, onclick: () => this.cancelReply() }, icon('close')));
    this.replyBox.hidden = false;
    this.input.focus();
  }

  cancelReply() {
    this.replyingTo = null;
    this.replyBox.replaceChildren();
    this.replyBox.hidden = true;
  }

  setPlaceholder(text) {
    this.input.placeholder = text;
  }

  submit() {
    if (this.image?.uploading) return;
    const content = this.input.value.trim();
    const imageUrl = this.image?.url || null;
    if (!content && !imageUrl) return;
    this.onSend({ content, image_url: imageUrl, reply_to: this.replyingTo?.id || null });
    this.input.value = '';
    this.autosize();
    this.clearImage();
    this.cancelReply();
    this.mentions.close();
    this.stopTyping();
    this.input.focus();
  }

  setStreaming(streaming) {
    this.stopBtn.hidden = !streaming;
  }

  reset() {
    this.input.value = '';
    this.autosize();
    this.clearImage();
    this.cancelReply();
    this.mentions.close();
    this.stopTyping();
    this.setStreaming(false);
  }
}
