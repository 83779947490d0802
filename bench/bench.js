'use strict';
// The benchmark driver: starts the real server jar (and the reference relay) as separate
// processes, drives them over loopback sockets, prints the results table and writes
// out/results.json. Run it through run.sh, which installs `ws` and builds the jar.
//   node bench.js [--quick] [--jar path] [--jfr] [--only fanout,idle,history,ai,startup]
//                 [--users N] [--rooms R] [--idle N] [--step-seconds S] [--messages N]
//   node bench.js --cluster [--quick]   the fan-out on two servers sharing one PostgreSQL,
//                                       next to one server on SQLite (see lib/cluster.js)
//   node bench.js --soak [minutes] [--soak-rate N]   only the fan-out, at one rate, minute by minute
//                 (without --soak-rate: 70% of the highest fan-out rate in the last out/results.json)
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Api } = require('./lib/http');
const { ServerProcess, tempDir } = require('./lib/server');
const { registerUsers, makeRooms } = require('./lib/setup');
const { FanoutLoad, ladder } = require('./lib/fanout');
const { idleConnections } = require('./lib/idle');
const { historyReads } = require('./lib/history');
const { startFakeUpstream, aiRelay } = require('./lib/ai');
const { startup } = require('./lib/startup');
const { startReference } = require('./lib/reference');
const { clusterFanout } = require('./lib/cluster');
const { soak, printSoak } = require('./lib/soak');
const { row, printTable } = require('./lib/report');
const { round, nowMs } = require('./lib/stats');

/** Issue 18: the fan-out's highest rate is the highest step whose p99 stays under this. */
const P99_LIMIT_MS = 25;

const SIZES = {
  full: {
    users: 1000, rooms: 50, idle: 10_000, stepSeconds: 5, warmup: [500, 10],
    rates: [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 8000, 10000, 12000, 16000, 24000],
    historySeconds: 10, historyConnections: 64, aiAnswers: 20, messages: 1_000_000, startRepeats: 3,
  },
  quick: {
    users: 100, rooms: 10, idle: 1000, stepSeconds: 2, warmup: [100, 1],
    rates: [200, 400],
    historySeconds: 2, historyConnections: 32, aiAnswers: 3, messages: 20_000, startRepeats: 1,
  },
};

function parseArgs(argv) {
  const args = { quick: false, jfr: false, cluster: false, only: null, jar: path.join(__dirname, '..', 'target', 'groupchat2.jar'),
    soak: null, soakRate: null };
  const num = {
    '--users': 'users', '--rooms': 'rooms', '--idle': 'idle', '--step-seconds': 'stepSeconds',
    '--messages': 'messages', '--ai-answers': 'aiAnswers', '--history-seconds': 'historySeconds',
    '--warmup-seconds': 'warmupSeconds',
  };
  const overrides = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--jfr') args.jfr = true;
    else if (a === '--cluster') args.cluster = true;
    else if (a === '--jar') args.jar = argv[++i];
    else if (a === '--only') args.only = new Set(argv[++i].split(','));
    else if (a === '--soak') args.soak = /^\d+$/.test(argv[i + 1] || '') ? Number(argv[++i]) : 10;
    else if (a === '--soak-rate') args.soakRate = Number(argv[++i]);
    else if (num[a]) overrides[num[a]] = Number(argv[++i]);
    else throw new Error(`unknown option ${a}`);
  }
  args.size = { ...(args.quick ? SIZES.quick : SIZES.full), ...overrides };
  if (overrides.warmupSeconds != null) args.size.warmup = [args.size.warmup[0], overrides.warmupSeconds];
  return args;
}

const log = (line) => process.stderr.write(`${line}\n`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const size = args.size;
  const wants = (name) => !args.only || args.only.has(name);
  const outDir = path.join(__dirname, 'out');
  fs.mkdirSync(outDir, { recursive: true });
  const serverLog = path.join(outDir, 'server.log');
  fs.writeFileSync(serverLog, '');
  const started = nowMs();
  const results = {
    mode: args.quick ? 'quick' : 'full', size,
    machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, mem_gib: round(os.totalmem() / 2 ** 30, 1),
      node: process.version, loadavg_at_start: os.loadavg().map((x) => round(x)) },
    started_at: new Date().toISOString(),
  };
  const rows = [];
  const cleanups = [];
  const cleanup = async () => { while (cleanups.length) await cleanups.pop()().catch(() => {}); };
  process.on('SIGINT', () => cleanup().then(() => process.exit(130)));
  process.on('SIGTERM', () => cleanup().then(() => process.exit(143)));

  if (args.cluster) {
    const javaOpts = (process.env.JAVA_OPTS || '').split(/\s+/).filter(Boolean);
    results.cluster = await clusterFanout({ jar: args.jar, size, outDir, javaOpts, log });
    rows.push(...clusterRows(results.cluster));
  } else try {
    const upstream = await startFakeUpstream({ chunks: 200, gapMs: 1 });
    cleanups.push(() => upstream.close());
    const dataDir = tempDir('run');
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    // JAVA_OPTS reaches the server's JVM too (e.g. an -agentpath for async-profiler).
    const javaOpts = (process.env.JAVA_OPTS || '').split(/\s+/).filter(Boolean);
    if (args.jfr) javaOpts.push(`-XX:StartFlightRecording=filename=${path.join(outDir, 'server.jfr')},settings=profile`);
    const server = new ServerProcess({
      jar: args.jar, dataDir, logFile: serverLog, javaOpts,
      env: { OPENROUTER_BASE_URL: `http://127.0.0.1:${upstream.port}/api/v1`, DEFAULT_MODEL: 'bench/fake' },
    });
    log(`server: starting ${args.jar}`);
    await server.start();
    cleanups.push(() => server.stop());
    const ours = { wsUrl: server.wsUrl, pid: server.pid, java: true };
    const api = new Api(server.baseUrl, { maxSockets: 64 });
    cleanups.push(async () => api.close());

    const t0 = nowMs();
    const users = await registerUsers(api, size.users);
    const rooms = await makeRooms(api, users, size.rooms);
    results.setup = { users: users.length, rooms: rooms.length, seconds: round((nowMs() - t0) / 1000, 1) };
    log(`setup: ${users.length} users in ${rooms.length} rooms in ${results.setup.seconds} s`);

    if (args.soak) {
      const rate = args.soakRate ?? soakRateFromLastRun(outDir);
      log(`soak: ${args.soak} min at ${rate} msg/s, ${users.length} clients in ${rooms.length} rooms`);
      const minutes = await soak(server.wsUrl, server.pid, rooms, dataDir, { minutes: args.soak, rate, log });
      fs.writeFileSync(path.join(outDir, 'soak.json'), `${JSON.stringify({ ...results, soak: minutes }, null, 2)}\n`);
      process.stdout.write(`\nGroupChat2 soak (${results.machine.cpus} CPUs)\n\n`);
      printSoak(minutes);
      process.stdout.write(`\nwritten: ${path.relative(process.cwd(), path.join(outDir, 'soak.json'))}\n`);
      return;
    }

    const ref = await startReference();
    cleanups.push(() => ref.stop());
    const theirs = { wsUrl: ref.wsUrl, pid: ref.pid, java: false };

    if (wants('idle')) {
      const tokens = Array.from({ length: size.idle }, (_, i) => users[i % users.length].token);
      log(`idle: ${size.idle} connections, ${Math.ceil(size.idle / users.length)} per user, ours`);
      const our = await idleConnections(ours, tokens, { histogramFile: path.join(outDir, 'idle-heap-histogram.txt'), log });
      log('idle: reference');
      const their = await idleConnections(theirs, tokens, { log });
      results.idle = { ours: our, reference: their };
      rows.push(row('2 idle', `RSS after ${our.connections} idle connections`, round(our.after.rss_mib, 0), 'MiB',
        { target: '< 400 MiB', pass: our.after.rss_mib < 400 && our.still_open === our.connections,
          reference: round(their.after.rss_mib, 0), ratio: our.after.rss_mib / their.after.rss_mib }));
      rows.push(row('2 idle', 'RSS before (after start-up and set-up)', round(our.before.rss_mib, 0), 'MiB',
        { reference: round(their.before.rss_mib, 0) }));
      rows.push(row('2 idle', 'Java heap used before -> after (after full GC)',
        `${round(our.before.heap_used_mib, 0)} -> ${round(our.after.heap_used_mib, 0)}`, 'MiB'));
      rows.push(row('2 idle', 'RSS per connection', our.rss_per_connection_kib, 'KiB',
        { reference: their.rss_per_connection_kib, ratio: our.rss_per_connection_kib / their.rss_per_connection_kib }));
      rows.push(row('2 idle', `time to open ${our.connections}`, our.open_seconds, 's',
        { reference: their.open_seconds, ratio: our.open_seconds / their.open_seconds }));
    }

    if (wants('fanout')) {
      const shape = `${users.length} clients in ${rooms.length} rooms`;
      log(`fan-out: reference, ${shape}`);
      const refLoad = new FanoutLoad(ref.wsUrl, rooms.map((r) => ({ roomId: r.roomId, members: r.members })), ref.pid);
      await refLoad.connect();
      const refRun = await ladder(refLoad, { rates: size.rates, seconds: size.stepSeconds,
        warmupRate: size.warmup[0], warmupSeconds: size.warmup[1], p99LimitMs: P99_LIMIT_MS, log });
      await refLoad.close();
      const refMax = refRun.max_rate;
      const must = refMax ? Math.max(1, Math.round(refMax / 2)) : null;
      log(`fan-out: ours, ${shape}${must ? `; target step ${must}/s (half the reference's ${refMax}/s)` : ''}`);
      const ourLoad = new FanoutLoad(server.wsUrl, rooms.map((r) => ({ roomId: r.roomId, members: r.members })), server.pid);
      await ourLoad.connect();
      const ourRun = await ladder(ourLoad, { rates: size.rates, seconds: size.stepSeconds,
        warmupRate: size.warmup[0], warmupSeconds: size.warmup[1], mustRate: must, p99LimitMs: P99_LIMIT_MS, log });
      await ourLoad.close();
      results.fanout = { ours: ourRun, reference: refRun };
      const best = (run) => run.steps.find((s) => s.target_rate === run.max_rate);
      const ourBest = best(ourRun);
      const refBest = best(refRun);
      const fanRatio = ourRun.max_rate && refMax ? ourRun.max_rate / refMax : null;
      rows.push(row('1 fan-out', `max rate with p99 < ${P99_LIMIT_MS} ms (${shape})`, ourRun.max_rate, 'msg/s',
        { target: '>= 0.80x reference', pass: fanRatio != null && fanRatio >= 0.8, reference: refMax, ratio: fanRatio }));
      if (ourRun.max_rate) {
        rows.push(row('1 fan-out', `soak rate (70% of max; run.sh --soak 10 uses it)`, Math.round(ourRun.max_rate * 0.7),
          'msg/s'));
      }
      if (ourRun.must) {
        const m = ourRun.must;
        const refSame = refRun.steps.find((s) => s.target_rate === must);
        rows.push(row('1 fan-out', `p99 at ${must} msg/s (half the reference max)`, m.latency_ms.p99, 'ms',
          { target: '< 25 ms', pass: m.latency_ms.p99 != null && m.latency_ms.p99 < 25 && m.missing_deliveries === 0,
            reference: refSame?.latency_ms.p99 ?? null }));
        rows.push(row('1 fan-out', `persisted at ${must} msg/s`, m.persisted_per_s, 'msg/s'));
      }
      if (ourBest) {
        const l = ourBest.latency_ms;
        const rl = refRun.steps.find((x) => x.target_rate === ourBest.target_rate)?.latency_ms ?? null;
        rows.push(row('1 fan-out', `persisted at max rate ${ourBest.target_rate}/s`, ourBest.persisted_per_s, 'msg/s'));
        rows.push(row('1 fan-out', `latency p50 at ${ourBest.target_rate}/s`, l.p50, 'ms', { reference: rl?.p50 }));
        rows.push(row('1 fan-out', `latency p99 at ${ourBest.target_rate}/s`, l.p99, 'ms', { reference: rl?.p99 }));
        rows.push(row('1 fan-out', `latency max at ${ourBest.target_rate}/s`, l.max, 'ms', { reference: rl?.max }));
        const refSame = refRun.steps.find((x) => x.target_rate === ourBest.target_rate);
        const cpuRatio = refSame ? ourBest.server_cpu_ms_per_message / refSame.server_cpu_ms_per_message : null;
        rows.push(row('1 fan-out', `server CPU per message at ${ourBest.target_rate}/s`, ourBest.server_cpu_ms_per_message, 'ms',
          { target: '<= 1.5x reference', pass: cpuRatio != null && cpuRatio <= 1.5,
            reference: refSame?.server_cpu_ms_per_message, ratio: cpuRatio }));
      }
    }

    if (wants('history')) {
      const pairs = [];
      rooms.forEach((r) => r.members.forEach((m) => pairs.push({ roomId: r.roomId, token: m.token })));
      pairs.sort(() => Math.random() - 0.5);
      // Rooms need history to read: top them up to 50 messages each if fan-out did not run.
      if (!wants('fanout')) {
        await seedHistory(api, rooms, 50);
        const refApi = new Api(ref.baseUrl, { maxSockets: 16 });
        await seedHistory(refApi, rooms, 50);
        refApi.close();
      }
      const opts = { seconds: size.historySeconds, connections: size.historyConnections };
      log(`history: ${size.historySeconds} s, ${size.historyConnections} connections, reference`);
      await historyReads(ref.baseUrl, pairs, { ...opts, seconds: opts.seconds / 2, log: () => {} });
      const rh = await historyReads(ref.baseUrl, pairs, { ...opts, pid: ref.pid, log });
      log('history: ours');
      // A first, unmeasured pass lets the JIT compile the read path.
      await historyReads(server.baseUrl, pairs, { ...opts, seconds: opts.seconds / 2, log: () => {} });
      const h = await historyReads(server.baseUrl, pairs, { ...opts, pid: server.pid, log });
      results.history = { ...h, reference: rh };
      const ratio = rh.requests_per_s ? h.requests_per_s / rh.requests_per_s : null;
      rows.push(row('3 history', `GET messages?limit=50 (${size.historyConnections} connections)`, h.requests_per_s, 'req/s',
        { target: '>= 0.40x reference', pass: ratio != null && ratio >= 0.4 && h.failed === 0,
          reference: rh.requests_per_s, ratio }));
      rows.push(row('3 history', 'latency p99', h.latency_ms.p99, 'ms',
        { target: '< 20 ms', pass: h.latency_ms.p99 != null && h.latency_ms.p99 < 20, reference: rh.latency_ms.p99 }));
      rows.push(row('3 history', 'server CPU per request', h.server_cpu_ms_per_request, 'ms',
        { reference: rh.server_cpu_ms_per_request,
          ratio: rh.server_cpu_ms_per_request ? h.server_cpu_ms_per_request / rh.server_cpu_ms_per_request : null }));
      rows.push(row('3 history', 'response body', h.mean_body_bytes, 'bytes', { reference: rh.mean_body_bytes }));
    }

    if (wants('ai')) {
      log(`ai: ${size.aiAnswers} answers of 200 chunks`);
      const a = await aiRelay(api, server.wsUrl, upstream, users[0], { answers: size.aiAnswers, log });
      results.ai = a;
      if (a.skipped) {
        rows.push(row('4 ai relay', 'skipped', a.skipped, ''));
      } else {
        const f = a.first_byte_to_first_chunk_ms;
        const e = a.last_byte_to_stream_end_ms;
        rows.push(row('4 ai relay', 'upstream first byte -> first ai_stream_chunk, median', f.p50, 'ms',
          { target: '< 2 ms', pass: f.p50 != null && f.p50 < 2 }));
        rows.push(row('4 ai relay', 'same, p99', f.p99, 'ms'));
        rows.push(row('4 ai relay', 'upstream last byte -> ai_stream_end, median', e.p50, 'ms',
          { target: '< 2 ms', pass: e.p50 != null && e.p50 < 2 }));
        rows.push(row('4 ai relay', 'same, p99', e.p99, 'ms'));
      }
    }

    results.server_rss_at_end_mib = round(require('./lib/server').rssMiB(server.pid), 0);
    await server.stop();

    if (wants('startup')) {
      log(`start-up: empty, and ${size.messages} messages`);
      const s = await startup(args.jar, { messages: size.messages, repeats: size.startRepeats, outDir, log });
      results.startup = s;
      rows.push(row('5 start-up', 'empty database, median', s.empty_median_ms, 'ms',
        { target: '< 1500 ms', pass: s.empty_median_ms < 1500 }));
      rows.push(row('5 start-up', 'empty database, with an AppCDS archive, median', s.empty_appcds_median_ms, 'ms',
        { target: '< 1500 ms', pass: s.empty_appcds_median_ms != null && s.empty_appcds_median_ms < 1500 }));
      rows.push(row('5 start-up', `${s.big_messages.toLocaleString('en-US')} messages (${s.big_db_mib} MiB), incl. backup`,
        s.big_median_ms, 'ms'));
      rows.push(row('5 start-up', 'of which the VACUUM INTO backup (sqlite3 CLI)', s.backup_vacuum_into_ms, 'ms'));
    }
  } finally {
    await cleanup();
  }

  results.rows = rows;
  results.seconds = round((nowMs() - started) / 1000, 1);
  results.machine.loadavg_at_end = os.loadavg().map((x) => round(x));
  fs.writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nGroupChat2 benchmark (${results.mode}, ${results.machine.cpus} CPUs, ${results.seconds} s)\n\n`);
  printTable(rows);
  process.stdout.write(`\nwritten: ${path.relative(process.cwd(), path.join(outDir, 'results.json'))}\n`);
}

/** 70% of the highest fan-out rate of the last full run (out/results.json), else 1,000 msg/s. */
function soakRateFromLastRun(outDir) {
  try {
    const last = JSON.parse(fs.readFileSync(path.join(outDir, 'results.json'), 'utf8'));
    const max = last.fanout?.ours?.max_rate;
    if (max) return Math.round(max * 0.7);
  } catch {
    // no earlier run
  }
  return 1000;
}

/** The cluster's table: each set-up's highest passing rate, and its latencies at the highest rate both passed. */
function clusterRows({ sqlite_one_server: one, postgresql_two_servers: two }) {
  const rows = [
    row('6 cluster', 'max rate with p99 < 50 ms, one server on SQLite', one.max_rate, 'msg/s'),
    row('6 cluster', 'max rate with p99 < 50 ms, two servers on PostgreSQL', two.max_rate, 'msg/s',
      { reference: one.max_rate, ratio: two.max_rate && one.max_rate ? two.max_rate / one.max_rate : null }),
  ];
  const rate = Math.min(one.max_rate || 0, two.max_rate || 0) || (two.steps[0] && two.steps[0].target_rate);
  const at = (run) => run.steps.find((s) => s.target_rate === rate);
  const single = at(one);
  const pair = at(two);
  if (pair) {
    const c = pair.cross_server_latency_ms;
    rows.push(row('6 cluster', `cross-server delivery p50 at ${rate}/s`, c.p50, 'ms', { reference: single?.latency_ms.p50 }));
    rows.push(row('6 cluster', `cross-server delivery p99 at ${rate}/s`, c.p99, 'ms', { reference: single?.latency_ms.p99 }));
    rows.push(row('6 cluster', `all deliveries p99 at ${rate}/s (two servers)`, pair.latency_ms.p99, 'ms',
      { reference: single?.latency_ms.p99 }));
    rows.push(row('6 cluster', `missing deliveries at ${rate}/s (two servers)`, pair.missing_deliveries, ''));
  }
  return rows;
}

async function seedHistory(api, rooms, perRoom) {
  for (const room of rooms) {
    for (let i = 0; i < perRoom; i++) {
      const member = room.members[i % room.members.length];
      await api.json('POST', `/api/rooms/${room.roomId}/messages`, { token: member.token,
        body: { content: `history message ${i}: the quick brown fox jumps over the lazy dog` } }, [201]);
    }
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e.stack || e}\n`);
  process.exit(1);
});
