'use strict';
// A tiny JSON-over-HTTP client on keep-alive sockets (node:http, no dependencies).
const http = require('node:http');

class Api {
  constructor(baseUrl, { maxSockets = 32 } = {}) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(method, path, { token, body, raw = false } = {}) {
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const headers = { Accept: 'application/json' };
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    if (token) headers.Authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: this.base.hostname, port: this.base.port, path, method, headers, agent: this.agent,
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks);
          if (raw) return resolve({ status: res.statusCode, bytes: text.length });
          let json = null;
          try { json = text.length ? JSON.parse(text) : null; } catch { json = text.toString(); }
          resolve({ status: res.statusCode, body: json, headers: res.headers });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  async json(method, path, opts, expect) {
    const res = await this.request(method, path, opts);
    if (expect && !expect.includes(res.status)) {
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }

  close() {
    this.agent.destroy();
  }
}

/** Runs `task(i)` for i in [0, n) with at most `limit` in flight. */
async function inParallel(n, limit, task) {
  const results = new Array(n);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, n) }, async () => {
    while (next < n) {
      const i = next++;
      results[i] = await task(i);
    }
  });
  await Promise.all(workers);
  return results;
}

module.exports = { Api, inParallel };
