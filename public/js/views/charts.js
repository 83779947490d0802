// Small SVG bar charts drawn by the client (no chart library): spend per day and per model.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** USD with cents, or more digits where cents would round a small amount away. */
export function usd(amount) {
  const n = Number(amount) || 0;
  if (n !== 0 && Math.abs(n) < 0.01) return '$' + n.toPrecision(2);
  return '$' + n.toFixed(2);
}

/**
 * bars: [{label, value, note}]. Vertical bars (one per day) or, with `horizontal`, one labelled
 * row per bar (models). Each bar has a <title> for hover, and the figure an aria-label.
 */
export function barChart(bars, { label, unit = String, horizontal = false, dataset } = {}) {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  if (dataset) figure.dataset.chart = dataset;
  if (bars.length === 0) {
    figure.append(Object.assign(document.createElement('p'), { className: 'muted', textContent: 'Nothing spent.' }));
    return figure;
  }
  const max = Math.max(...bars.map((b) => b.value), 0) || 1;
  const chart = horizontal ? rows(bars, max, unit) : columns(bars, max, unit);
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', `${label}: ${bars.filter((b) => b.value > 0).map((b) => `${b.label} ${unit(b.value)}`).join(', ') || 'nothing'}`);
  figure.append(chart);
  return figure;
}

function columns(bars, max, unit) {
  const width = 600;
  const height = 170;
  const top = 14;
  const bottom = 20;
  const plot = height - top - bottom;
  const step = width / bars.length;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart-svg' });
  chart.append(svg('line', { x1: 0, x2: width, y1: top + plot, y2: top + plot, class: 'chart-axis' }));
  chart.append(svg('text', { x: 2, y: 10, class: 'chart-label' }, unit(max)));
  bars.forEach((bar, i) => {
    const barHeight = bar.value > 0 ? Math.max(1.5, (bar.value / max) * plot) : 0;
    const rect = svg('rect', { x: i * step + step * 0.15, y: top + plot - barHeight, width: step * 0.7, height: barHeight, class: 'chart-bar' });
    rect.append(svg('title', {}, `${bar.note || bar.label}: ${unit(bar.value)}`));
    chart.append(rect);
    // Every label would crowd a phone screen: the first, then every fifth.
    if (i === 0 || (i + 1) % 5 === 0) {
      chart.append(svg('text', { x: i * step + step / 2, y: height - 5, class: 'chart-label', 'text-anchor': 'middle' }, bar.label));
    }
  });
  return chart;
}

function rows(bars, max, unit) {
  const width = 600;
  const rowHeight = 26;
  const labelWidth = 210;
  const valueWidth = 90;
  const plot = width - labelWidth - valueWidth;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${bars.length * rowHeight}`, class: 'chart-svg chart-rows' });
  bars.forEach((bar, i) => {
    const y = i * rowHeight;
    const name = bar.label.length > 28 ? bar.label.slice(0, 27) + '…' : bar.label;
    chart.append(svg('text', { x: 0, y: y + 17, class: 'chart-label chart-name' }, name));
    const rect = svg('rect', { x: labelWidth, y: y + 5, width: Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * plot), height: rowHeight - 10, class: 'chart-bar' });
    rect.append(svg('title', {}, `${bar.label}: ${unit(bar.value)}${bar.note ? ' · ' + bar.note : ''}`));
    chart.append(rect);
    chart.append(svg('text', { x: width, y: y + 17, class: 'chart-label', 'text-anchor': 'end' }, unit(bar.value)));
  });
  return chart;
}
