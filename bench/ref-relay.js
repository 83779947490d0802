'use strict';
// The reference: a minimal broadcast relay on Node's `ws`, with no auth and no storage, speaking
// the subset of the contract the fan-out and idle scenarios use (join_room -> joined,
// send_message -> new_message to every connection in the room, ping -> pong). It builds a
// new_message frame of the same shape and size as the real server's, so the driver's per-frame
// cost is the same on both sides. Usage: node ref-relay.js <port>  (prints "listening <port>")
const crypto = require('node:crypto');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 0);
const rooms = new Map(); // room_id -> Set<ws>
const wss = new WebSocketServer({ host: '127.0.0.1', port, path: '/ws', perMessageDeflate: false });

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
      const createdAt = new Date().toISOString();
      const content = String(frame.content || '').trim();
      const message = {
        id: crypto.randomUUID(), room_id: frame.room_id, kind: 'user', user_id: token.slice(0, 36),
        username: 'bench', display_name: 'bench', avatar_url: null, content, image_url: null,
        reply_to: null, client_msg_id: frame.client_msg_id ?? null,
        hash: crypto.createHash('sha256').update(JSON.stringify([frame.room_id, token, 'user', content, '', createdAt])).digest('hex'),
        created_at: createdAt, ai: null,
      };
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

wss.on('listening', () => console.log(`listening ${wss.address().port}`));
process.on('SIGTERM', () => process.exit(0));
