'use strict';
// Runs the reference relay (ref-relay.js) as its own Node process.
const { spawn } = require('node:child_process');
const path = require('node:path');

async function startReference() {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'ref-relay.js'), '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`reference relay exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    pid: child.pid,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

module.exports = { startReference };
