'use strict';
// Scenario 1: N clients in R rooms; the driver sends `send_message` frames at a fixed total
// rate, spread evenly over the rooms and round-robin over each room's members, and measures
// send-to-receive latency at every *other* member of the room when its `new_message` arrives.
// The sender's own copy of the frame counts the message as persisted (our server announces a
// message only after its insert committed).
const { openAll, closeAll } = require('./wsclients');
const { summarize, nowMs, sleep, round } = require('./stats');
const { cpuSeconds, systemCpuSeconds } = require('./server');

const CMID = '"client_msg_id":"';

class FanoutLoad {
  /**
   * @param wsUrl ws://host:port/ws, or several (servers sharing one database): the sockets are
   *   spread over them in turn, and latencies are also told apart by whether sender and
   *   receiver were on the same server
   * @param rooms [{roomId, members: [{token}]}]
   * @param pid the server's process id, or several (their CPU is added up)
   */
  constructor(wsUrl, rooms, pid) {
    this.wsUrls = [].concat(wsUrl);
    this.pids = [].concat(pid).filter(Boolean);
    this.rooms = rooms;
    this.pending = new Map(); // client_msg_id -> {sentAt, sender, left}
    this.latencies = [];
    this.crossLatencies = [];
    this.persisted = 0;
    this.closedDuringRun = 0;
    this.tag = `f${process.pid}x${Date.now().toString(36)}`;
    this.counter = 0;
  }

  async connect(concurrency = 100) {
    const specs = [];
    for (const room of this.rooms) for (const m of room.members) specs.push({ token: m.token, roomId: room.roomId });
    const servers = this.wsUrls.length;
    this.serverOf = specs.map((_, i) => i % servers);
    const opened = await Promise.all(this.wsUrls.map((url, s) =>
      openAll(url, specs.filter((_, i) => i % servers === s), concurrency)));
    const sockets = specs.map((_, i) => opened[i % servers][Math.floor(i / servers)]);
    let k = 0;
    this.sockets = sockets;
    for (const room of this.rooms) {
      room.base = k;
      room.sockets = room.members.map(() => sockets[k++]);
      room.next = 0;
    }
    sockets.forEach((ws, index) => {
      ws.on('message', (data) => this.onFrame(index, data));
      ws.on('close', () => { this.closedDuringRun++; });
    });
  }

  onFrame(index, data) {
    const at = nowMs();
    // Cheap parse: only the client_msg_id matters, and JSON.parse of every frame would make the
    // driver, not the server, the bottleneck.
    const text = data.toString();
    if (!text.startsWith('{"type":"new_message"')) return;
    const i = text.indexOf(CMID);
    if (i < 0) return;
    const start = i + CMID.length;
    const id = text.substring(start, text.indexOf('"', start));
    const entry = this.pending.get(id);
    if (!entry) return;
    if (entry.sender === index) {
      this.persisted++;
      this.lastPersistAt = at;
      entry.own = true;
    } else {
      this.latencies.push(at - entry.sentAt);
      if (this.serverOf[index] !== this.serverOf[entry.sender]) this.crossLatencies.push(at - entry.sentAt);
      entry.left--;
    }
    if (entry.left === 0 && entry.own) this.pending.delete(id);
  }

  sendOne() {
    const room = this.rooms[this.counter % this.rooms.length];
    const n = this.counter++;
    const who = room.next++ % room.sockets.length;
    const ws = room.sockets[who];
    const id = `${this.tag}-${n}`;
    this.pending.set(id, { sentAt: nowMs(), sender: room.base + who, left: room.sockets.length - 1, own: false });
    ws.send(`{"type":"send_message","room_id":"${room.roomId}","client_msg_id":"${id}",`
      + `"content":"bench fan-out message ${n}: the quick brown fox jumps over the lazy dog"}`);
  }

  /** Sends at `rate` msg/s for `seconds`, then waits up to `drainMs` for the last receipts. */
  async step(rate, seconds, drainMs = 3000) {
    this.pending.clear();
    this.latencies = [];
    this.crossLatencies = [];
    this.persisted = 0;
    this.lastPersistAt = null;
    const closedBefore = this.closedDuringRun;
    const expectedPerMessage = this.rooms.map((r) => r.sockets.length - 1);
    let expected = 0;
    let sent = 0;
    const cpu = (f) => (this.pids.length ? this.pids.reduce((sum, pid) => sum + f(pid), 0) : null);
    const cpu0 = cpu(cpuSeconds);
    const sys0 = cpu(systemCpuSeconds);
    const driver0 = process.cpuUsage();
    const t0 = nowMs();
    const total = Math.round(rate * seconds);
    await new Promise((resolve) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((nowMs() - t0) / 1000) * rate));
        while (sent < due) {
          expected += expectedPerMessage[this.counter % this.rooms.length];
          this.sendOne();
          sent++;
        }
        if (sent >= total) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
    const sendSeconds = (nowMs() - t0) / 1000;
    const drainUntil = nowMs() + drainMs;
    while (nowMs() < drainUntil && (this.latencies.length < expected || this.persisted < sent)) await sleep(10);
    const serverCpu = this.pids.length ? cpu(cpuSeconds) - cpu0 : null;
    const serverSys = this.pids.length ? cpu(systemCpuSeconds) - sys0 : null;
    const driverCpu = process.cpuUsage(driver0);
    const persistSeconds = ((this.lastPersistAt || t0) - t0) / 1000;
    const lat = summarize(this.latencies);
    return {
      target_rate: rate,
      sent,
      send_seconds: round(sendSeconds),
      persisted: this.persisted,
      // Stored messages over the time from the first send to the last store acknowledged.
      persisted_per_s: round(this.persisted / Math.max(sendSeconds, persistSeconds), 0),
      deliveries: lat.count,
      expected_deliveries: expected,
      missing_deliveries: expected - lat.count,
      closed_sockets: this.closedDuringRun - closedBefore,
      latency_ms: lat,
      // Only with several servers: deliveries to a socket on another server than the sender's.
      cross_server_latency_ms: this.wsUrls.length > 1 ? summarize(this.crossLatencies) : undefined,
      // CPU per message relayed (one send, room-size deliveries), whatever the cores available.
      server_cpu_ms_per_message: serverCpu != null && sent ? round((serverCpu * 1000) / sent, 3) : null,
      server_system_cpu_share: serverCpu ? round(serverSys / serverCpu) : null,
      driver_cpu_ms_per_message: sent ? round((driverCpu.user + driverCpu.system) / 1000 / sent, 3) : null,
    };
  }

  /** Waits (up to `maxMs`) until the last step's messages have all arrived, so a backlog does not spill into the next step. */
  async quiesce(maxMs = 10_000) {
    const until = nowMs() + maxMs;
    while (this.pending.size > 0 && nowMs() < until) await sleep(20);
  }

  close() {
    return closeAll(this.sockets || []);
  }
}

/** A step passes when every delivery arrived, p99 < limit, and the rate was actually achieved. */
function stepOk(result, p99LimitMs) {
  return result.missing_deliveries === 0
    && result.closed_sockets === 0
    && result.persisted === result.sent
    && result.latency_ms.p99 != null && result.latency_ms.p99 < p99LimitMs
    && result.send_seconds <= (result.sent / result.target_rate) * 1.1 + 0.05;
}

/**
 * Warms up, steps up the ladder until a step fails, then runs the optional `mustRate` step.
 * The target step comes last so that it measures a JIT-warmed server, as a long-running one is
 * (right after a 10 s warm-up the JVM is still compiling the hot paths).
 * Returns {steps, max_rate (highest passing ladder rate), must}.
 */
async function ladder(load, { rates, seconds, warmupRate, warmupSeconds, mustRate, p99LimitMs = 50, log }) {
  if (warmupRate) {
    const w = await load.step(warmupRate, warmupSeconds);
    log(`  warm-up ${warmupRate}/s for ${warmupSeconds} s: p99 ${w.latency_ms.p99} ms`);
    await load.quiesce();
  }
  const steps = [];
  let maxRate = null;
  for (const rate of rates) {
    const r = await load.step(rate, seconds);
    r.ok = stepOk(r, p99LimitMs);
    steps.push(r);
    log(`  ${rate}/s: ${describe(r)} ${r.ok ? 'ok' : 'FAIL'}`);
    if (!r.ok) break;
    maxRate = rate;
    await load.quiesce();
    await sleep(500);
  }
  let must = null;
  if (mustRate) {
    await load.quiesce();
    await sleep(1000);
    must = await load.step(mustRate, seconds);
    log(`  at ${mustRate}/s: ${describe(must)}`);
  }
  return { steps, max_rate: maxRate, must };
}

function describe(r) {
  const l = r.latency_ms;
  return `persisted ${r.persisted_per_s}/s, p50 ${l.p50} p99 ${l.p99} max ${l.max} ms, `
    + `missing ${r.missing_deliveries}, closed ${r.closed_sockets}; CPU-ms/msg server ${r.server_cpu_ms_per_message}`
    + ` (${Math.round((r.server_system_cpu_share || 0) * 100)}% kernel)`
    + ` driver ${r.driver_cpu_ms_per_message}`;
}

module.exports = { FanoutLoad, ladder, stepOk };
