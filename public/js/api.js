// The HTTP side of the contract: JSON in and out, bearer token, `{error, code}` turned into ApiError.

const TOKEN_KEY = 'groupchat.token';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

let onUnauthorized = () => {};

export const session = {
  get token() { return localStorage.getItem(TOKEN_KEY); },
  set(token) { localStorage.setItem(TOKEN_KEY, token); },
  clear() { localStorage.removeItem(TOKEN_KEY); },
  /** Called when a request with a token is refused: the token expired or its user is gone. */
  onUnauthorized(fn) { onUnauthorized = fn; },
};

export async function request(method, path, body) {
  const headers = {};
  const token = session.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers, body: payload });
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON: handled below */ }
  if (res.ok) return data;
  if (res.status === 401 && token) onUnauthorized();
  let message = data && data.error ? data.error : `Request failed (${res.status})`;
  if (res.status === 429 && res.headers.get('Retry-After')) {
    message += ` Try again in ${res.headers.get('Retry-After')} s.`;
  }
  throw new ApiError(res.status, data && data.code ? data.code : 'http_' + res.status, message);
}

const get = (path) => request('GET', path);
const post = (path, body) => request('POST', path, body ?? {});
const put = (path, body) => request('PUT', path, body);
const del = (path) => request('DELETE', path);
const enc = encodeURIComponent;

function upload(path, file) {
  const form = new FormData();
  form.append('file', file, file.name || 'image');
  return request('POST', path, form);
}

export const api = {
  register: (username, password, displayName, inviteToken) => post('/api/auth/register', {
    username, password,
    ...(displayName ? { display_name: displayName } : {}),
    ...(inviteToken ? { invite_token: inviteToken } : {}),
  }),
  logout: () => post('/api/auth/logout'),
  login: (username, password) => post('/api/auth/login', { username, password }),
  me: () => get('/api/auth/me'),
  updateProfile: (changes) => put('/api/auth/profile', changes),
  uploadAvatar: (file) => upload('/api/auth/avatar', file),
  nostrChallenge: () => post('/api/auth/nostr/challenge', {}),
  nostrVerify: (event) => post('/api/auth/nostr/verify', { event }),

  myRooms: () => get('/api/rooms'),
  publicRooms: () => get('/api/rooms?public=true'),
  room: (id) => get(`/api/rooms/${enc(id)}`),
  createRoom: (room) => post('/api/rooms', room),
  updateRoom: (id, changes) => put(`/api/rooms/${enc(id)}`, changes),
  deleteRoom: (id) => del(`/api/rooms/${enc(id)}`),
  joinRoom: (id) => post(`/api/rooms/${enc(id)}/join`),
  clearRoom: (id) => post(`/api/rooms/${enc(id)}/clear`),
  setRole: (roomId, userId, role) => put(`/api/rooms/${enc(roomId)}/members/${enc(userId)}`, { role }),
  removeMember: (roomId, userId) => del(`/api/rooms/${enc(roomId)}/members/${enc(userId)}`),

  messages: (roomId, { before, after, limit = 50 } = {}) => {
    const q = new URLSearchParams({ limit: String(limit) });
    if (before) q.set('before', before);
    if (after) q.set('after', after);
    return get(`/api/rooms/${enc(roomId)}/messages?${q}`);
  },
  sendMessage: (roomId, message) => post(`/api/rooms/${enc(roomId)}/messages`, message),
  editMessage: (roomId, id, content) => request('PATCH', `/api/rooms/${enc(roomId)}/messages/${enc(id)}`, { content }),
  deleteMessage: (roomId, id) => del(`/api/rooms/${enc(roomId)}/messages/${enc(id)}`),
  react: (roomId, id, emoji) => put(`/api/rooms/${enc(roomId)}/messages/${enc(id)}/reactions/${enc(emoji)}`),
  unreact: (roomId, id, emoji) => del(`/api/rooms/${enc(roomId)}/messages/${enc(id)}/reactions/${enc(emoji)}`),
  markRead: (roomId, messageId) => post(`/api/rooms/${enc(roomId)}/read`, { message_id: messageId }),
  search: (q, { roomId, limit = 20 } = {}) => {
    const params = new URLSearchParams({ q, limit: String(limit) });
    if (roomId) params.set('room_id', roomId);
    return get(`/api/search?${params}`);
  },
  openDm: (userId) => post('/api/dms', { user_id: userId }),
  /**
   * One message by id, or null. No route takes an id alone, so: the message stored just before it,
   * then the one after that. (The first message of a room has none before it: null.)
   */
  async message(roomId, id) {
    const [before] = await api.messages(roomId, { before: id, limit: 1 });
    if (!before) return null;
    const [found] = await api.messages(roomId, { after: before.id, limit: 1 });
    return found && found.id === id ? found : null;
  },
  uploadImage: (file) => upload('/api/upload', file),
  models: () => get('/api/models'),
  health: () => get('/api/health'),

  createInvite: (invite) => post('/api/invites', invite),
  invites: (roomId) => get(`/api/invites?room_id=${enc(roomId)}`),
  previewInvite: (token) => get(`/api/invites/${enc(token)}`),
  acceptInvite: (token) => post(`/api/invites/${enc(token)}/accept`),
  revokeInvite: (token) => del(`/api/invites/${enc(token)}`),
};
