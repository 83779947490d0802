'use strict';
// Starts the real server jar as its own process on a free loopback port, with a fresh data
// folder, and reads its memory from the outside (/proc and jcmd).
const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { nowMs, sleep } = require('./stats');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tempDir(label) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gc2-bench-${label}-`));
}

function healthStatus(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => { req.destroy(); resolve(0); });
  });
}

class ServerProcess {
  /**
   * @param opts.jar path of the server jar
   * @param opts.dataDir folder for the database, uploads and backups (made if missing)
   * @param opts.env extra environment (e.g. OPENROUTER_BASE_URL)
   * @param opts.javaOpts extra JVM options (array)
   */
  constructor({ jar, dataDir, env = {}, javaOpts = [], logFile }) {
    this.jar = jar;
    this.dataDir = dataDir;
    this.extraEnv = env;
    this.javaOpts = javaOpts;
    this.logFile = logFile;
  }

  /** Spawns the jar and resolves once /api/health answers 200; returns ms from spawn to that 200. */
  async start({ timeoutMs = 120_000 } = {}) {
    this.port = await freePort();
    const env = {
      ...process.env,
      BIND_ADDR: `127.0.0.1:${this.port}`,
      DATABASE_URL: `sqlite:${path.join(this.dataDir, 'chat.db')}?mode=rwc`,
      UPLOADS_DIR: path.join(this.dataDir, 'uploads'),
      BACKUPS_DIR: path.join(this.dataDir, 'backups'),
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      OPENROUTER_API_KEY: 'bench',
      ...this.extraEnv,
    };
    const out = this.logFile ? fs.openSync(this.logFile, 'a') : 'ignore';
    const t0 = nowMs();
    // cwd is the data folder so a stray .env elsewhere cannot change the run.
    this.child = spawn('java', [...this.javaOpts, '-jar', this.jar], {
      cwd: this.dataDir, env, stdio: ['ignore', out, out],
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    let exitInfo = null;
    this.exited.then((info) => { exitInfo = info; });
    while (nowMs() - t0 < timeoutMs) {
      if (exitInfo) throw new Error(`server exited during start-up (${JSON.stringify(exitInfo)}); see ${this.logFile}`);
      if ((await healthStatus(this.port)) === 200) {
        this.startupMs = nowMs() - t0;
        return this.startupMs;
      }
      await sleep(5);
    }
    await this.stop();
    throw new Error(`server did not answer /api/health within ${timeoutMs} ms`);
  }

  get pid() {
    return this.child.pid;
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** SIGTERM (graceful), then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000) {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Resident set size of a process, in MiB, from /proc/<pid>/status. */
function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : null;
}

/**
 * CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat. The
 * difference over a phase, per request or message, is steadier than throughput on a shared
 * machine, because it does not count time the process spent waiting for a core.
 */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name; clock ticks
  // are 100 per second on Linux.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** System (kernel) CPU seconds alone: on loopback, most of it is TCP work for socket writes. */
function systemCpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[12]) / 100;
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 60_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/**
 * Java heap in use and committed, in MiB, after a full GC (so the figure is live data, not
 * garbage waiting for collection). Reads `jcmd <pid> GC.heap_info`.
 */
async function heapMiB(pid, { gcFirst = true } = {}) {
  if (gcFirst) await run('jcmd', [String(pid), 'GC.run']);
  const info = await run('jcmd', [String(pid), 'GC.heap_info']);
  // G1: " garbage-first heap   total 262144K, used 23456K [...]"
  const m = /heap\s+total\s+(\d+)K, used\s+(\d+)K/.exec(info);
  if (!m) return { used: null, committed: null, raw: info };
  return { used: Number(m[2]) / 1024, committed: Number(m[1]) / 1024 };
}

function jcmd(pid, command) {
  return run('jcmd', [String(pid), command]);
}

module.exports = { ServerProcess, freePort, tempDir, rssMiB, heapMiB, healthStatus, cpuSeconds, systemCpuSeconds, jcmd };
