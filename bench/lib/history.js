'use strict';
// Scenario 3: GET /api/rooms/:id/messages?limit=50 with bearer tokens over many keep-alive
// connections, a fixed number of requests in flight; bodies are counted, not parsed.
const http = require('node:http');
const { summarize, nowMs, round } = require('./stats');
const { cpuSeconds } = require('./server');

async function historyReads(baseUrl, pairs, { seconds, connections = 64, pid, log }) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let ok = 0;
  let failed = 0;
  let bytes = 0;
  let n = 0;
  const one = () => new Promise((resolve) => {
    const { roomId, token } = pairs[n++ % pairs.length];
    const t = nowMs();
    const req = http.request({
      host: url.hostname, port: url.port, agent, method: 'GET',
      path: `/api/rooms/${roomId}/messages?limit=50`, headers: { Authorization: `Bearer ${token}` },
    }, (res) => {
      res.on('data', (c) => { bytes += c.length; });
      res.on('end', () => {
        latencies.push(nowMs() - t);
        if (res.statusCode === 200) ok++;
        else failed++;
        resolve();
      });
    });
    req.on('error', () => { failed++; resolve(); });
    req.end();
  });
  const cpu0 = pid ? cpuSeconds(pid) : null;
  const driver0 = process.cpuUsage();
  const t0 = nowMs();
  const deadline = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (nowMs() < deadline) await one();
  }));
  const elapsed = (nowMs() - t0) / 1000;
  const serverCpu = pid ? cpuSeconds(pid) - cpu0 : null;
  const driverCpu = process.cpuUsage(driver0);
  agent.destroy();
  const lat = summarize(latencies);
  const result = {
    connections, seconds: round(elapsed), ok, failed,
    requests_per_s: round(ok / elapsed, 0),
    mean_body_bytes: ok ? Math.round(bytes / (ok + failed)) : 0,
    latency_ms: lat,
    // CPU per request, independent of how many cores the run actually got.
    server_cpu_ms_per_request: pid && ok ? round((serverCpu * 1000) / ok, 3) : null,
    server_cpu_cores_used: pid ? round(serverCpu / elapsed) : null,
    driver_cpu_ms_per_request: ok ? round((driverCpu.user + driverCpu.system) / 1000 / ok, 3) : null,
  };
  log(`  ${result.requests_per_s} req/s over ${connections} connections, p50 ${lat.p50} p99 ${lat.p99} ms, failed ${failed}; `
    + `server ${result.server_cpu_ms_per_request} CPU-ms/req (${result.server_cpu_cores_used} cores), driver ${result.driver_cpu_ms_per_request} CPU-ms/req`);
  return result;
}

module.exports = { historyReads };
