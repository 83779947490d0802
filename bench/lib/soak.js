'use strict';
// Soak: the fan-out at one fixed rate for many minutes, reporting per minute the latency and the
// size of the SQLite write-ahead log. Both must stay flat: a WAL that only grows fills the disk,
// and a long-running server gets slower as it does (issue 14: 2.4 GB after 2 minutes, then p99 5.5 s).
const fs = require('node:fs');
const path = require('node:path');
const { FanoutLoad } = require('./fanout');
const { round } = require('./stats');

const MIB = 1024 * 1024;

function sizeOf(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Runs `minutes` one-minute steps at `rate` msg/s; returns one row per minute. */
async function soak(wsUrl, pid, rooms, dataDir, { minutes, rate, log }) {
  const wal = path.join(dataDir, 'chat.db-wal');
  const db = path.join(dataDir, 'chat.db');
  const load = new FanoutLoad(wsUrl, rooms.map((r) => ({ roomId: r.roomId, members: r.members })), pid);
  await load.connect();
  const rows = [];
  try {
    for (let minute = 1; minute <= minutes; minute++) {
      let walMax = 0;
      const sampler = setInterval(() => { walMax = Math.max(walMax, sizeOf(wal)); }, 200);
      // 57 s of sending and up to 3 s for the last deliveries: one row a minute.
      const r = await load.step(rate, 57, 3000);
      clearInterval(sampler);
      walMax = Math.max(walMax, sizeOf(wal));
      const l = r.latency_ms;
      const entry = {
        minute, rate, sent: r.sent, persisted_per_s: r.persisted_per_s, p50_ms: l.p50, p99_ms: l.p99, max_ms: l.max,
        missing: r.missing_deliveries, closed: r.closed_sockets, wal_max_mib: round(walMax / MIB, 1),
        wal_end_mib: round(sizeOf(wal) / MIB, 1), db_mib: round(sizeOf(db) / MIB, 1),
      };
      rows.push(entry);
      log(`  minute ${minute}: persisted ${entry.persisted_per_s}/s, p99 ${entry.p99_ms} ms (max ${entry.max_ms}),`
        + ` missing ${entry.missing}; WAL max ${entry.wal_max_mib} MiB, now ${entry.wal_end_mib} MiB; db ${entry.db_mib} MiB`);
      await load.quiesce();
    }
  } finally {
    await load.close();
  }
  return rows;
}

function printSoak(rows, out = process.stdout) {
  const headers = ['minute', 'rate/s', 'persisted/s', 'p50 ms', 'p99 ms', 'max ms', 'missing', 'WAL max MiB',
    'WAL end MiB', 'db MiB'];
  const cells = rows.map((r) => [r.minute, r.rate, r.persisted_per_s, r.p50_ms, r.p99_ms, r.max_ms, r.missing,
    r.wal_max_mib, r.wal_end_mib, r.db_mib].map((v) => (v == null ? '-' : String(v))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => String(x).padStart(widths[i])).join(' | ')} |`;
  out.write(`${line(headers)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const c of cells) out.write(`${line(c)}\n`);
  const p99s = rows.map((r) => r.p99_ms).filter((v) => v != null);
  const wals = rows.map((r) => r.wal_max_mib);
  if (!rows.length) return;
  const flat = p99s.length === rows.length && Math.max(...p99s) < 25 && rows.every((r) => r.missing === 0)
    && Math.max(...wals) < 64;
  out.write(`\np99 ${Math.min(...p99s)}-${Math.max(...p99s)} ms over the minutes (target < 25 every minute), `
    + `WAL peak ${Math.min(...wals)}-${Math.max(...wals)} MiB (bound 64): ${flat ? 'pass' : 'FAIL'}\n`);
}

module.exports = { soak, printSoak };
