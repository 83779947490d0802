'use strict';
// Scenario 5: time from spawning `java -jar` to the first 200 from /api/health, on an empty
// database and on one with many messages. A start on an existing database includes the
// start-up backup (VACUUM INTO), which the contract requires; its own cost is timed separately
// with the sqlite3 command-line tool when that is installed.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ServerProcess, tempDir } = require('./server');
const { median, nowMs, round } = require('./stats');

async function timedStarts(jar, dataDir, times, logFile, { freshEachTime, javaOpts = [] }) {
  const results = [];
  for (let i = 0; i < times; i++) {
    const dir = freshEachTime ? tempDir('start') : dataDir;
    const server = new ServerProcess({ jar, dataDir: dir, logFile, javaOpts });
    results.push(await server.start());
    await server.stop();
    if (freshEachTime) fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

async function startup(jar, { messages, repeats, outDir, log }) {
  const logFile = path.join(outDir, 'server-startup.log');
  const empty = await timedStarts(jar, null, repeats, logFile, { freshEachTime: true });
  log(`  empty: ${empty.map((x) => round(x, 0)).join(', ')} ms`);
  // The same with an application class-data-sharing archive (JDK 13+), which an operator can
  // make once with -XX:ArchiveClassesAtExit: class loading is most of the start-up.
  const jsa = path.join(outDir, 'groupchat2.jsa');
  fs.rmSync(jsa, { force: true });
  await timedStarts(jar, null, 1, logFile, { freshEachTime: true, javaOpts: [`-XX:ArchiveClassesAtExit=${jsa}`] });
  const cds = fs.existsSync(jsa)
    ? await timedStarts(jar, null, repeats, logFile, { freshEachTime: true, javaOpts: [`-XX:SharedArchiveFile=${jsa}`] })
    : [];
  log(`  empty, with an AppCDS archive: ${cds.map((x) => round(x, 0)).join(', ')} ms`);

  const dir = tempDir('bigdb');
  try {
    // One start makes the schema; then rows go straight into SQLite.
    const first = new ServerProcess({ jar, dataDir: dir, logFile });
    await first.start();
    await first.stop();
    const dbFile = path.join(dir, 'chat.db');
    const t0 = nowMs();
    execFileSync('python3', [path.join(__dirname, '..', 'gen_db.py'), dbFile, String(messages)], { stdio: 'inherit' });
    const genSeconds = (nowMs() - t0) / 1000;
    const dbMiB = fs.statSync(dbFile).size / 1048576;
    log(`  generated ${messages} messages (${round(dbMiB, 0)} MiB) in ${round(genSeconds, 1)} s`);
    let vacuumMs = null;
    try {
      const target = path.join(dir, 'vacuum-probe.db');
      const v0 = nowMs();
      execFileSync('sqlite3', [dbFile, `VACUUM INTO '${target}'`]);
      vacuumMs = nowMs() - v0;
      fs.rmSync(target, { force: true });
    } catch {
      vacuumMs = null; // sqlite3 CLI not installed
    }
    const full = await timedStarts(jar, dir, repeats, logFile, { freshEachTime: false });
    log(`  ${messages} messages: ${full.map((x) => round(x, 0)).join(', ')} ms (VACUUM INTO alone ${round(vacuumMs, 0)} ms)`);
    return {
      empty_ms: empty.map((x) => round(x, 0)),
      empty_median_ms: round(median(empty), 0),
      empty_appcds_ms: cds.map((x) => round(x, 0)),
      empty_appcds_median_ms: round(median(cds), 0),
      big_messages: messages,
      big_db_mib: round(dbMiB, 0),
      big_ms: full.map((x) => round(x, 0)),
      big_median_ms: round(median(full), 0),
      backup_vacuum_into_ms: round(vacuumMs, 0),
      generate_seconds: round(genSeconds, 1),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { startup };
