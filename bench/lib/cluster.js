'use strict';
// `--cluster`: the fan-out with its clients split over two servers on one PostgreSQL database,
// next to the same load on one server on SQLite. PostgreSQL: BENCH_POSTGRES_URL (default: the
// role and database .ci/run creates); a fresh database is made for the run and dropped after.
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { Api } = require('./http');
const { ServerProcess, tempDir } = require('./server');
const { registerUsers, makeRooms } = require('./setup');
const { FanoutLoad, ladder } = require('./fanout');

const DEFAULT_POSTGRES = 'postgres://groupchat:groupchat@127.0.0.1:5432/groupchat_test';

function psql(url, sql) {
  return new Promise((resolve, reject) => {
    execFile('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { timeout: 60_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`psql: ${stderr || err.message}`)) : resolve(stdout)));
  });
}

/** Starts servers with `env`, sets up users and rooms through the first, runs the fan-out ladder over all. */
async function fanoutOn(servers, size, { log }) {
  for (const s of servers) await s.start();
  const api = new Api(servers[0].baseUrl, { maxSockets: 64 });
  try {
    const users = await registerUsers(api, size.users);
    const rooms = await makeRooms(api, users, size.rooms);
    const load = new FanoutLoad(servers.map((s) => s.wsUrl), rooms.map((r) => ({ roomId: r.roomId, members: r.members })),
      servers.map((s) => s.pid));
    await load.connect();
    // Lower steps first: two servers on one database sustain less than one on SQLite, and their
    // latencies mean most below the point where messages queue.
    const rates = [...new Set([25, 50, 100, ...size.rates])].sort((x, y) => x - y);
    const run = await ladder(load, { rates, seconds: size.stepSeconds,
      warmupRate: size.warmup[0], warmupSeconds: size.warmup[1], log });
    await load.close();
    return run;
  } finally {
    api.close();
    for (const s of servers) await s.stop();
  }
}

async function clusterFanout({ jar, size, outDir, javaOpts, log }) {
  const admin = process.env.BENCH_POSTGRES_URL || DEFAULT_POSTGRES;
  const name = `gc_bench_${Date.now().toString(36)}`;
  const dbUrl = admin.replace(/\/[^/?]+(\?.*)?$/, `/${name}$1`);
  await psql(admin, `CREATE DATABASE ${name}`);
  const dirs = [tempDir('sqlite'), tempDir('pg-a'), tempDir('pg-b')];
  const env = { JWT_SECRET: 'bench-cluster-secret-that-is-long-enough!', DEFAULT_MODEL: 'bench/fake' };
  const logFile = (label) => {
    const file = path.join(outDir, `server-${label}.log`);
    fs.writeFileSync(file, '');
    return file;
  };
  try {
    log('cluster: one server on SQLite');
    const single = await fanoutOn([new ServerProcess({ jar, dataDir: dirs[0], env, javaOpts, logFile: logFile('sqlite') })],
      size, { log });
    log(`cluster: two servers on PostgreSQL (${name}), clients split between them`);
    const pgEnv = { ...env, DATABASE_URL: dbUrl };
    const two = await fanoutOn([
      new ServerProcess({ jar, dataDir: dirs[1], env: pgEnv, javaOpts, logFile: logFile('pg-a') }),
      new ServerProcess({ jar, dataDir: dirs[2], env: pgEnv, javaOpts, logFile: logFile('pg-b') }),
    ], size, { log });
    return { sqlite_one_server: single, postgresql_two_servers: two };
  } finally {
    await psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => log(`cluster: ${e.message}`));
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  }
}

module.exports = { clusterFanout };
