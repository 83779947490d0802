'use strict';
// Scenario 2: open many authenticated WebSocket connections and keep them idle; memory of the
// server process before and after, and the time the handshakes took.
const { openAll, closeAll } = require('./wsclients');
const fs = require('node:fs');
const { rssMiB, heapMiB, jcmd } = require('./server');
const { nowMs, sleep, round } = require('./stats');

/**
 * @param target {wsUrl, pid, java: boolean}
 * @param tokens one token per connection (repeat tokens for several connections per user)
 */
async function idleConnections(target, tokens, { concurrency = 200, settleMs = 2000, histogramFile, log }) {
  const before = await memory(target);
  const t0 = nowMs();
  const sockets = await openAll(target.wsUrl, tokens.map((token) => ({ token })), concurrency);
  const openSeconds = (nowMs() - t0) / 1000;
  await sleep(settleMs);
  const after = await memory(target);
  const stillOpen = sockets.filter((ws) => ws.readyState === 1).length;
  // What the heap holds per connection: the class histogram with every connection open.
  if (target.java && histogramFile) {
    fs.writeFileSync(histogramFile, await jcmd(target.pid, 'GC.class_histogram'));
    if (process.env.BENCH_NMT) fs.writeFileSync(histogramFile + '.nmt', await jcmd(target.pid, 'VM.native_memory summary'));
  }
  log(`  ${sockets.length} open in ${round(openSeconds)} s; RSS ${round(before.rss_mib)} -> ${round(after.rss_mib)} MiB`
    + (target.java ? `; heap used ${round(before.heap_used_mib)} -> ${round(after.heap_used_mib)} MiB` : ''));
  await closeAll(sockets);
  return {
    connections: sockets.length,
    still_open: stillOpen,
    open_seconds: round(openSeconds),
    opens_per_s: round(sockets.length / openSeconds, 0),
    before,
    after,
    rss_per_connection_kib: round(((after.rss_mib - before.rss_mib) * 1024) / sockets.length),
  };
}

async function memory(target) {
  const m = { rss_mib: round(rssMiB(target.pid)) };
  if (target.java) {
    const heap = await heapMiB(target.pid);
    m.heap_used_mib = round(heap.used);
    m.heap_committed_mib = round(heap.committed);
    // A full GC may hand memory back to the OS; read RSS again after it.
    m.rss_after_gc_mib = round(rssMiB(target.pid));
  }
  return m;
}

module.exports = { idleConnections };
