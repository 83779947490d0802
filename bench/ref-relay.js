'use strict';
// The reference: a minimal broadcast relay on Node's `ws`, with no auth and no storage, speaking
// the subset of the contract the fan-out and idle scenarios use (join_room -> joined,
// send_message -> new_message to every connection in the room, ping -> pong). It builds a
// new_message frame of the same shape and size as the real server's, so the driver's per-frame
// cost is the same on both sides.
// For the history scenario it keeps each room's newest 200 messages in memory and answers
// GET /api/rooms/:id/messages?limit=N (a JSON array, oldest first, any bearer token) and
// POST /api/rooms/:id/messages {content} (to fill a room), as plain node:http handlers.
// Usage: node ref-relay.js <port>  (prints "listening <port>")
const crypto = require('node:crypto');
const http = require('node:http');
const { WebSocketServer } = require('ws');

const KEPT = 200;
const port = Number(process.argv[2] || 0);
const rooms = new Map(); // room_id -> Set<ws>
const history = new Map(); // room_id -> [message], oldest first

function store(roomId, who, content, clientMsgId) {
  const createdAt = new Date().toISOString();
  const message = {
    id: crypto.randomUUID(), room_id: roomId, kind: 'user', user_id: who.slice(0, 36),
    username: 'bench', display_name: 'bench', avatar_url: null, content, image_url: null,
    reply_to: null, client_msg_id: clientMsgId ?? null,
    hash: crypto.createHash('sha256').update(JSON.stringify([roomId, who, 'user', content, '', createdAt])).digest('hex'),
    created_at: createdAt, ai: null, edited_at: null, deleted: false, reactions: [],
  };
  let kept = history.get(roomId);
  if (!kept) history.set(roomId, (kept = []));
  kept.push(message);
  if (kept.length > KEPT) kept.shift();
  return message;
}

function answer(res, status, body) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const m = /^\/api\/rooms\/([^/]+)\/messages$/.exec(url.pathname);
  const auth = req.headers.authorization || '';
  if (!m) return answer(res, 404, { error: 'Not found', code: 'not_found' });
  if (!auth.startsWith('Bearer ')) return answer(res, 401, { error: 'Missing bearer token', code: 'unauthorized' });
  const roomId = m[1];
  if (req.method === 'GET') {
    const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') || 50)));
    return answer(res, 200, (history.get(roomId) || []).slice(-limit));
  }
  if (req.method === 'POST') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      answer(res, 201, store(roomId, auth.slice(7), String(body.content || '').trim(), body.client_msg_id));
    });
    return undefined;
  }
  return answer(res, 405, { error: 'Method not allowed', code: 'method_not_allowed' });
});

const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });

wss.on('connection', (ws, req) => {
  const token = new URL(req.url, 'http://x').searchParams.get('token') || 'anonymous';
  const joined = new Set();
  ws.on('message', (data) => {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      ws.send('{"type":"error","code":"invalid_request","error":"bad JSON"}');
      return;
    }
    if (frame.type === 'join_room') {
      let set = rooms.get(frame.room_id);
      if (!set) rooms.set(frame.room_id, (set = new Set()));
      set.add(ws);
      joined.add(frame.room_id);
      ws.send(JSON.stringify({ type: 'joined', room_id: frame.room_id }));
    } else if (frame.type === 'send_message') {
      const message = store(frame.room_id, token, String(frame.content || '').trim(), frame.client_msg_id);
      const out = JSON.stringify({ type: 'new_message', room_id: frame.room_id, message });
      for (const peer of rooms.get(frame.room_id) || []) peer.send(out);
    } else if (frame.type === 'ping') {
      ws.send('{"type":"pong"}');
    }
  });
  ws.on('close', () => {
    for (const roomId of joined) rooms.get(roomId)?.delete(ws);
  });
});

server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
