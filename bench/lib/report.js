'use strict';
// The results table: one row per figure, with its target and the reference where there is one.

function row(scenario, metric, value, unit, { target, pass, reference, ratio } = {}) {
  return { scenario, metric, value, unit, target: target ?? null, pass: pass ?? null,
    reference: reference ?? null, ratio: ratio ?? null };
}

function fmt(v) {
  if (v == null) return '-';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2);
  return String(v);
}

function printTable(rows, out = process.stdout) {
  const headers = ['scenario', 'metric', 'value', 'target', 'pass', 'reference', 'ratio'];
  const cells = rows.map((r) => [
    r.scenario, r.metric, `${fmt(r.value)} ${r.unit}`.trim(), r.target ?? '-',
    r.pass == null ? '-' : r.pass ? 'pass' : 'FAIL',
    r.reference == null ? '-' : `${fmt(r.reference)} ${r.unit}`.trim(),
    r.ratio == null ? '-' : `${r.ratio.toFixed(2)}x`,
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => `| ${c.map((x, i) => String(x).padEnd(widths[i])).join(' | ')} |`;
  out.write(`${line(headers)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const c of cells) out.write(`${line(c)}\n`);
}

module.exports = { row, printTable };
