// What is happening in the open room right now: "X is typing…", the assistant thinking, and its
// answers streaming in (with their tool calls) until ai_stream_end brings the stored message.
import { h } from '../dom.js';
import { setMarkdown } from '../markdown.js';
import { streamBubble, toolText } from './messages.js';
import { assistantName } from './assistant.js';

const TYPING_EXPIRE_MS = 6000;

export class RoomActivity {
  /** `chat` is the ChatView: its app, members, composer, add(msg) and scrolling. */
  constructor(chat) {
    this.chat = chat;
    this.streamBox = h('div', { class: 'stream-list' });
    this.typingLine = h('div', { class: 'typing-line', 'aria-live': 'polite' });
    this.reset();
  }

  /** Forgets everything, e.g. for another room or after a lost connection (whose stream ends were lost with it). */
  reset() {
    for (const s of this.streams?.values() || []) s.el.remove();
    for (const t of this.typers?.values() || []) clearTimeout(t.timer);
    this.streams = new Map();
    this.typers = new Map();
    this.aiTyping = false;
    this.chat.composer.setStreaming(false);
    this.renderTyping();
  }

  onTyping(frame) {
    if (frame.user_id === this.chat.app.user.id) return;
    const old = this.typers.get(frame.user_id);
    if (old) clearTimeout(old.timer);
    if (frame.is_typing) {
      const member = this.chat.members.get(frame.user_id);
      const name = member ? member.user.display_name : frame.username;
      // A lost "stopped typing" frame must not leave the line up forever.
      const timer = setTimeout(() => { this.typers.delete(frame.user_id); this.renderTyping(); }, TYPING_EXPIRE_MS);
      this.typers.set(frame.user_id, { name, timer });
    } else {
      this.typers.delete(frame.user_id);
    }
    this.renderTyping();
  }

  onAiTyping(frame) {
    this.aiTyping = !!frame.is_typing;
    this.renderTyping();
  }

  renderTyping() {
    const names = [...this.typers.values()].map((t) => t.name);
    let text = '';
    if (names.length === 1) text = `${names[0]} is typing…`;
    else if (names.length === 2) text = `${names[0]} and ${names[1]} are typing…`;
    else if (names.length > 2) text = `${names.length} people are typing…`;
    const thinking = `${assistantName(this.chat.app.health)} is thinking…`;
    if (this.aiTyping && this.streams.size === 0) text = text ? `${text} ${thinking}` : thinking;
    this.typingLine.textContent = text;
    this.typingLine.classList.toggle('active', !!text);
  }

  stream(frame) {
    let s = this.streams.get(frame.stream_id);
    if (!s) {
      const stick = this.chat.nearBottom();
      s = { ...streamBubble(frame.model, assistantName(this.chat.app.health)), text: '', tools: new Map(), queued: false };
      this.streams.set(frame.stream_id, s);
      this.streamBox.append(s.el);
      this.chat.composer.setStreaming(true);
      this.renderTyping();
      if (stick) this.chat.scrollToBottom();
    }
    return s;
  }

  onStreamStart(frame) { this.stream(frame); }

  onStreamChunk(frame) {
    const s = this.stream(frame);
    s.text += frame.delta || '';
    if (s.queued) return;
    s.queued = true;
    // Re-render at most once per frame: chunks arrive much faster than the screen refreshes.
    requestAnimationFrame(() => {
      s.queued = false;
      const stick = this.chat.nearBottom();
      setMarkdown(s.content, s.text);
      if (stick) this.chat.scrollToBottom();
    });
  }

  onTool(frame) {
    const s = this.stream(frame);
    const key = frame.tool + ':' + JSON.stringify(frame.arguments);
    let line = s.tools.get(key);
    if (!line) {
      line = h('li', { class: 'tool' });
      s.tools.set(key, line);
      s.el.querySelector('.tool-list').append(line);
    }
    const mark = { started: '⋯', finished: '✓', failed: '✗' }[frame.status] || '';
    line.className = `tool tool-${frame.status}`;
    line.textContent = `${mark} ${toolText(frame.tool, frame.arguments)}${frame.status === 'failed' ? ' (failed)' : ''}`;
  }

  onStreamEnd(frame) {
    const s = this.streams.get(frame.stream_id);
    if (s) s.el.remove();
    this.streams.delete(frame.stream_id);
    this.chat.composer.setStreaming(this.streams.size > 0);
    if (frame.message) this.chat.add(frame.message);
    this.renderTyping();
  }
}
