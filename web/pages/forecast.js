// Placement sufficiency: the forecast of the children looked after full
// time (GET /api/v1/forecast?from=&years=), a fan chart for the total and
// each group of the breakdown chosen (placement type, legal status or age
// band) (the history, then the 95%, 80% and 50% intervals and
// the median), the same figures as a table, and the back-test of the method
// beside no change and a trend, so nobody reads a forecast without knowing
// how good the last ones were (docs/forecast.md).

import { get } from '../api.js';
import { h, fill, table, labelled, heading, errorBox, ukDate } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const TOTAL = ['total', 'All children looked after'];
// The breakdowns the page offers, each series as the JSON names it (docs/forecast.md).
const BREAKDOWNS = {
  placement: ['Placement type', [
    ['placement:fostering', 'Fostering'],
    ['placement:residential', 'Residential'],
    ['placement:supported', 'Supported accommodation'],
    ['placement:other', 'Other placements'],
  ]],
  legal_status: ['Legal status', [
    ['legal_status:care_order', 'Care orders (C1, C2)'],
    ['legal_status:placement_order', 'Placement orders (E1)'],
    ['legal_status:section_20', 'Section 20 (V2)'],
    ['legal_status:other', 'Other legal statuses'],
  ]],
  age: ['Age band', [
    ['age:under_1', 'Under 1'],
    ['age:1_to_4', '1 to 4'],
    ['age:5_to_9', '5 to 9'],
    ['age:10_to_15', '10 to 15'],
    ['age:16_to_17', '16 and 17'],
  ]],
};

// The last 31 March on or before today.
function lastYearEnd() {
  const d = new Date();
  const y = d.getMonth() > 2 || (d.getMonth() === 2 && d.getDate() === 31) ? d.getFullYear() : d.getFullYear() - 1;
  return `${y}-03-31`;
}

function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

// The points of one series: the history's counts, then the fans ahead.
function seriesPoints(doc, key) {
  const past = (doc.history || []).map((p) => ({ date: p.date, actual: p.counts[key] }));
  const ahead = (doc.forecast || []).map((p) => ({ date: p.date, fan: p.looked_after[key] }));
  return { past, ahead };
}

function fanChart(title, { past, ahead }) {
  const w = 520, hgt = 220, left = 48, right = 22, top = 14, bottom = 28;
  const all = [...past.map((p) => p.actual), ...ahead.flatMap((p) => [p.fan.p2_5, p.fan.p97_5])];
  // The axis starts at 0 unless every figure is far from it; its labels say where.
  const most = Math.max(1, ...all), least = Math.min(...all);
  const hi = most * 1.05, lo = least > 0.4 * most ? Math.floor(least * 0.9) : 0;
  const n = past.length + ahead.length;
  const x = (i) => left + (i * (w - left - right)) / Math.max(1, n - 1);
  const y = (v) => top + ((hi - v) * (hgt - top - bottom)) / (hi - lo || 1);
  const last = past.length - 1;
  const label = `${title}: ${past.map((p) => `${ukDate(p.date)} ${p.actual}`).join(', ')}; forecast ${ahead
    .map((p) => `${ukDate(p.date)} ${Math.round(p.fan.p50)} (80% ${Math.round(p.fan.p10)} to ${Math.round(p.fan.p90)})`).join(', ')}`;
  const s = svg('svg', { viewBox: `0 0 ${w} ${hgt}`, role: 'img', 'aria-label': label, class: 'fan' });
  const band = (loKey, hiKey, cls) => {
    const upper = [[x(last), y(past[last]?.actual ?? 0)], ...ahead.map((p, i) => [x(last + 1 + i), y(p.fan[hiKey])])];
    const lower = [...ahead.map((p, i) => [x(last + 1 + i), y(p.fan[loKey])]).reverse(), [x(last), y(past[last]?.actual ?? 0)]];
    s.append(svg('polygon', { points: [...upper, ...lower].map((q) => q.join(',')).join(' '), class: cls }));
  };
  for (const v of [lo, (lo + hi) / 2, hi]) {
    s.append(svg('line', { x1: left, x2: w - right, y1: y(v), y2: y(v), class: 'fan-grid' }));
    const t = svg('text', { x: left - 6, y: y(v) + 4, class: 'fan-axis', 'text-anchor': 'end' });
    t.textContent = String(Math.round(v));
    s.append(t);
  }
  if (ahead.length && past.length) {
    band('p2_5', 'p97_5', 'fan-95');
    band('p10', 'p90', 'fan-80');
    band('p25', 'p75', 'fan-50');
    s.append(svg('polyline', { points: [[x(last), y(past[last].actual)], ...ahead.map((p, i) => [x(last + 1 + i), y(p.fan.p50)])].map((q) => q.join(',')).join(' '), class: 'fan-median' }));
  }
  s.append(svg('polyline', { points: past.map((p, i) => `${x(i)},${y(p.actual)}`).join(' '), class: 'fan-history' }));
  [...past, ...ahead].forEach((p, i) => {
    const t = svg('text', { x: x(i), y: hgt - 8, class: 'fan-axis', 'text-anchor': 'middle' });
    t.textContent = p.date.slice(0, 4);
    s.append(t);
  });
  return h('figure', { class: 'fan-figure' }, h('figcaption', {}, title), s);
}

function valuesTable(doc, series) {
  const rows = [];
  for (const [key, name] of series) {
    const { past, ahead } = seriesPoints(doc, key);
    for (const p of past) rows.push({ series: name, date: ukDate(p.date), kind: 'Recorded', median: p.actual, i80: '', i95: '' });
    for (const p of ahead)
      rows.push({ series: name, date: ukDate(p.date), kind: 'Forecast', median: Math.round(p.fan.p50),
        i80: `${Math.round(p.fan.p10)} to ${Math.round(p.fan.p90)}`, i95: `${Math.round(p.fan.p2_5)} to ${Math.round(p.fan.p97_5)}` });
  }
  return table('Children looked after on 31 March: recorded, then forecast', [
    { key: 'series', label: 'Children' },
    { key: 'date', label: 'Date' },
    { key: 'kind', label: 'Figure' },
    { key: 'median', label: 'Count or median', numeric: true },
    { key: 'i80', label: '80% interval' },
    { key: 'i95', label: '95% interval' },
  ], rows, { stack: true });
}

function backtestTable(doc) {
  const bt = doc.backtest || {};
  const scores = bt.scores || [];
  if (!scores.length) return h('p', {}, 'No back-test: the history has no earlier 31 March with a full window before it and a known outcome after it.');
  const origins = bt.origins || [];
  const pct = (v) => (typeof v === 'number' ? v.toFixed(1) : '');
  return table(`How good the method was: forecasts from each 31 March ${origins[0]?.slice(0, 4)} to ${origins[origins.length - 1]?.slice(0, 4)}, scored against what happened`, [
    { key: 'horizon', label: 'Years ahead', numeric: true },
    { key: 'figures', label: 'Figures', render: (r) => (r.figures === 'total' ? 'Total' : 'Every breakdown') },
    { key: 'points', label: 'Forecasts scored', numeric: true },
    { key: 'bias_percent', label: 'Bias %', render: (r) => pct(r.bias_percent), numeric: true },
    { key: 'mape_percent', label: 'Mean error %', render: (r) => pct(r.mape_percent), numeric: true },
    { key: 'in_80_percent', label: 'Inside 80% interval %', render: (r) => pct(r.in_80_percent), numeric: true },
    { key: 'in_95_percent', label: 'Inside 95% interval %', render: (r) => pct(r.in_95_percent), numeric: true },
    { key: 'no_change_mape_percent', label: 'No change: mean error %', render: (r) => pct(r.no_change_mape_percent), numeric: true },
    { key: 'trend_mape_percent', label: 'Trend: mean error %', render: (r) => pct(r.trend_mape_percent), numeric: true },
  ], scores, { stack: true });
}

export async function render(main, ctx) {
  const from = labelled('From (the last day of history used)', { name: 'from', type: 'date', value: lastYearEnd() });
  const years = labelled('Years ahead', { name: 'years', type: 'number', min: 1, max: 10, value: 3 });
  const by = labelled('Breakdown', { tag: 'select', name: 'by', options: Object.entries(BREAKDOWNS).map(([k, [label]]) => [k, label]) });
  const form = h('form', { class: 'filters' }, from.field, years.field, by.field, h('button', { type: 'submit' }, 'Forecast'));
  const out = h('div', {}, h('p', { role: 'status' }, 'Simulating the futures…'));
  const load = async () => {
    fill(out, h('p', { role: 'status' }, 'Simulating the futures…'));
    try {
      const res = await get('/forecast', { from: from.input.value, years: years.input.value });
      const doc = res.data || {};
      const series = [TOTAL, ...BREAKDOWNS[by.input.value][1]];
      fill(out,
        h('p', {}, `Children looked after full time (short breaks apart) on ${ukDate(doc.origin)}: ${doc.at_origin?.total ?? 0}. `
          + `Each chart shows the recorded counts, then the median of ${doc.runs} simulated futures with the 50%, 80% and 95% intervals. `
          + `Rates from the ${doc.window_years} years up to the origin; distance from home ${doc.distance}.`),
        h('h2', {}, 'Back-test'), backtestTable(doc),
        h('h2', {}, 'Fan charts'), h('div', { class: 'fans' }, series.map(([key, name]) => fanChart(name, seriesPoints(doc, key)))),
        h('h2', {}, 'The figures'), valuesTable(doc, series));
    } catch (err) {
      if (err.status === 401) return ctx.signedIn(null);
      fill(out, errorBox(err));
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  fill(main, heading('Placement sufficiency forecast'), form, out);
  await load();
}
