'use strict';
// Latency summaries. Samples are milliseconds (floats); percentiles by nearest rank.

function summarize(samples) {
  if (samples.length === 0) return { count: 0, p50: null, p99: null, max: null, mean: null };
  const sorted = Float64Array.from(samples).sort();
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: round(rank(0.5)),
    p99: round(rank(0.99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sum / sorted.length),
  };
}

function median(values) {
  const v = values.filter((x) => x != null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function round(x, digits = 2) {
  if (x == null || Number.isNaN(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Milliseconds on the monotonic clock, shared by every socket of this process. */
function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { summarize, median, round, nowMs, sleep };
