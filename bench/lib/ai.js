'use strict';
// Scenario 4: the AI relay. A fake OpenAI-compatible upstream on loopback (in this process, so
// its clock is the driver's clock) streams CHUNKS content deltas; a room member's WebSocket
// measures (a) first ai_stream_chunk minus the upstream's first byte, (b) ai_stream_end minus the
// upstream's last byte. The server forwards the first delta at once and coalesces later ones
// (README of the AI relay), so only those two instants are comparable one to one.
const http = require('node:http');
const { open, join, closeAll } = require('./wsclients');
const { summarize, nowMs, sleep, round } = require('./stats');

/** A fake OpenRouter: POST /api/v1/chat/completions streams `chunks` deltas, `gapMs` apart. */
function startFakeUpstream({ chunks = 200, gapMs = 1 } = {}) {
  const runs = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url.startsWith('/api/v1/models')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ data: [{ id: 'bench/fake', name: 'Bench fake', context_length: 8192,
        pricing: { prompt: '0', completion: '0' } }] }));
      return;
    }
    if (req.method !== 'POST' || !req.url.startsWith('/api/v1/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    req.resume();
    req.on('end', async () => {
      const run = { requestAt: nowMs(), firstByteAt: null, lastByteAt: null };
      runs.push(run);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      const chunk = (obj) => `data: ${JSON.stringify(obj)}\n\n`;
      for (let i = 0; i < chunks; i++) {
        // Headers and the first delta leave in the same write: that write is the first byte.
        const text = chunk({ id: 'gen-bench', model: 'bench/fake', choices: [{ index: 0, delta: { content: `tok${i} ` } }] });
        if (i === 0) run.firstByteAt = nowMs();
        res.write(text);
        if (gapMs > 0) await sleep(gapMs);
      }
      const tail = chunk({ id: 'gen-bench', model: 'bench/fake', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })
        + chunk({ id: 'gen-bench', model: 'bench/fake', choices: [],
          usage: { prompt_tokens: 100, completion_tokens: chunks, total_tokens: 100 + chunks, cost: 0 } })
        + 'data: [DONE]\n\n';
      run.lastByteAt = nowMs();
      res.end(tail);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      port: server.address().port,
      runs,
      close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
    }));
  });
}

/**
 * Runs `answers` AI answers one after another in one room (ai_mode always), observed by one
 * member socket, and returns the two overheads' summaries.
 */
async function aiRelay(api, wsUrl, upstream, user, { answers, log }) {
  const room = await api.json('POST', '/api/rooms', {
    token: user.token, body: { name: 'bench ai room', settings: { ai_mode: 'always', ai_web_search: false } },
  }, [201]);
  const ws = await open(`${wsUrl}?token=${encodeURIComponent(user.token)}`);
  await join(ws, room.id);
  const firstChunk = [];
  const end = [];
  const chunkFrames = [];
  let failures = 0;
  for (let k = 0; k < answers; k++) {
    const before = upstream.runs.length;
    const seen = await new Promise((resolve) => {
      const s = { firstChunkAt: null, endAt: null, chunks: 0, endKind: null };
      const timer = setTimeout(() => { ws.off('message', onMessage); resolve(s); }, 30_000);
      // A server without the AI relay never calls the upstream: give up on it early.
      setTimeout(() => {
        if (upstream.runs.length === before) {
          s.noUpstream = true;
          clearTimeout(timer);
          ws.off('message', onMessage);
          resolve(s);
        }
      }, 5000);
      const onMessage = (data) => {
        const at = nowMs();
        const text = data.toString();
        if (text.startsWith('{"type":"ai_stream_chunk"')) {
          if (s.firstChunkAt === null) s.firstChunkAt = at;
          s.chunks++;
        } else if (text.startsWith('{"type":"ai_stream_end"')) {
          s.endAt = at;
          s.endKind = JSON.parse(text).message?.kind;
          clearTimeout(timer);
          ws.off('message', onMessage);
          resolve(s);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'send_message', room_id: room.id, content: `question ${k} for the assistant` }));
    });
    if (seen.noUpstream) {
      log('  the server made no upstream request: AI relay not present, scenario skipped');
      await closeAll([ws]);
      return { skipped: 'the server made no request to the fake upstream (AI relay missing?)' };
    }
    const run = upstream.runs[before];
    if (!run || seen.endAt === null || seen.firstChunkAt === null || seen.endKind !== 'ai') {
      failures++;
      continue;
    }
    firstChunk.push(seen.firstChunkAt - run.firstByteAt);
    end.push(seen.endAt - run.lastByteAt);
    chunkFrames.push(seen.chunks);
    await sleep(100); // let ai_typing(false) pass before the next trigger
  }
  await closeAll([ws]);
  const result = {
    answers, failures,
    first_byte_to_first_chunk_ms: summarize(firstChunk),
    last_byte_to_stream_end_ms: summarize(end),
    chunk_frames_per_answer: summarize(chunkFrames).p50,
  };
  log(`  first chunk +${result.first_byte_to_first_chunk_ms.p50} ms (p99 ${result.first_byte_to_first_chunk_ms.p99}), `
    + `end +${result.last_byte_to_stream_end_ms.p50} ms (p99 ${result.last_byte_to_stream_end_ms.p99}), failures ${failures}`);
  return result;
}

module.exports = { startFakeUpstream, aiRelay, round };
