'use strict';
// Opening many WebSocket connections and joining rooms, the same way for our server and for
// the reference relay (both speak the contract's join_room / joined frames).
const WebSocket = require('ws');
const { inParallel } = require('./http');

function open(url, { timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    // No permessage-deflate: the reference relay does not offer it either, so both sides of
    // the comparison pay the same per-frame cost (see README caveats).
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

/** Sends join_room and resolves on the matching `joined` frame. */
function join(ws, roomId, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no joined for ${roomId}`)), timeoutMs);
    const onMessage = (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"joined"') && text.includes(roomId)) {
        clearTimeout(timer);
        ws.off('message', onMessage);
        resolve();
      } else if (text.startsWith('{"type":"error"')) {
        clearTimeout(timer);
        ws.off('message', onMessage);
        reject(new Error(`join_room ${roomId}: ${text}`));
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'join_room', room_id: roomId }));
  });
}

/** Opens one socket per spec ({token, roomId?}) with `concurrency` handshakes in flight. */
async function openAll(wsUrl, specs, concurrency = 100) {
  return inParallel(specs.length, concurrency, async (i) => {
    const spec = specs[i];
    let lastError;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const ws = await open(`${wsUrl}?token=${encodeURIComponent(spec.token)}`);
        if (spec.roomId) await join(ws, spec.roomId);
        return ws;
      } catch (e) {
        lastError = e;
      }
    }
    throw lastError;
  });
}

function closeAll(sockets) {
  return Promise.all(sockets.map((ws) => new Promise((resolve) => {
    if (!ws || ws.readyState === WebSocket.CLOSED) return resolve();
    ws.once('close', resolve);
    ws.terminate();
  })));
}

module.exports = { open, join, openAll, closeAll };
