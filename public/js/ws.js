// The WebSocket side of the contract: one connection, rejoined rooms and backoff after a drop.

const PING_EVERY_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;
const REVOKED = 4001;

export class Realtime {
  constructor(tokenSource) {
    this.tokenSource = tokenSource;
    this.handlers = new Map();
    this.rooms = new Set();
    this.socket = null;
    this.attempt = 0;
    this.stopped = true;
    this.everOpened = false;
  }

  /** fn(frame) for frames of `type`; also 'open' (with {reconnected}) and 'close'. */
  on(type, fn) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(fn);
  }

  emit(type, frame) {
    for (const fn of this.handlers.get(type) || []) {
      try { fn(frame); } catch (e) { console.error('handler for', type, 'failed', e); }
    }
  }

  get connected() {
    return this.socket && this.socket.readyState === WebSocket.OPEN;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    if (this.socket) this.socket.close(1000, 'logout');
    this.socket = null;
    this.rooms.clear();
    this.everOpened = false;
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws?token=${encodeURIComponent(this.tokenSource())}`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      for (const roomId of this.rooms) this.send({ type: 'join_room', room_id: roomId });
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_EVERY_MS);
      this.emit('open', { reconnected });
    });
    socket.addEventListener('message', (e) => {
      let frame;
      try { frame = JSON.parse(e.data); } catch { return; }
      if (frame && typeof frame.type === 'string') this.emit(frame.type, frame);
    });
    socket.addEventListener('close', (e) => {
      if (this.socket !== socket) return;
      clearInterval(this.pingTimer);
      // 4001: the token was revoked (log out, password change, account disabled); retrying cannot help.
      if (e.code === REVOKED) { this.stop(); this.emit('revoked', {}); return; }
      this.emit('close', {});
      if (!this.stopped) this.scheduleReconnect();
    });
  }

  /** Exponential backoff with jitter, so a restarted server is not hit by every client at once. */
  scheduleReconnect() {
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempt);
    this.attempt += 1;
    const delay = base / 2 + Math.random() * base / 2;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => { if (!this.stopped) this.connect(); }, delay);
  }

  /** Reconnects now instead of waiting for the backoff, e.g. when the browser comes back online. */
  reconnectNow() {
    if (this.stopped || this.connected) return;
    if (this.socket && this.socket.readyState === WebSocket.CONNECTING) return;
    this.attempt = 0;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  send(frame) {
    if (!this.connected) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  join(roomId) {
    this.rooms.add(roomId);
    this.send({ type: 'join_room', room_id: roomId });
  }

  leave(roomId) {
    this.rooms.delete(roomId);
    this.send({ type: 'leave_room', room_id: roomId });
  }
}
