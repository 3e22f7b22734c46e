// The Pledge scorecard of a collection year: each promise's figure, its
// RAG rating against the target and its trend over the years
// (GET /api/v1/scorecard?year=YYYY/YY), grouped by theme. The trend is a
// small SVG line drawn here; the rating is written out, never colour only.

import { get } from '../api.js';
import { h, fill, table, labelled, heading, startDate, errorBox } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const RAG_TEXT = { red: 'Red', amber: 'Amber', green: 'Green' };

// The collection year (April to March) that the pages' start date (today,
// or the end of a stale history) falls in, as 2026/27.
function currentYear(ctx) {
  const d = new Date(`${startDate(ctx)}T12:00:00`);
  const start = d.getMonth() >= 3 ? d.getFullYear() : d.getFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

// A value with its unit as a person writes it: "45%", "12 days", "-3.5 points"
// (the gaps are percentage points); an average score is a bare number.
function withUnit(value, unit) {
  if (!unit || unit === 'score') return `${value}`;
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

// The scorecard's markers for a figure that is not a number (render/
// scorecard_json.c): "c" withheld because the numbers are small, "z" no value.
const MARKERS = { c: 'Withheld (small numbers)', z: 'No value' };

// A sparkline of the trend's values; its label reads the values out.
function sparkline(trend, unit) {
  const points = (trend || []).filter((p) => typeof p.value === 'number');
  if (points.length < 2) return '';
  const w = 120, hgt = 32, pad = 3;
  const values = points.map((p) => p.value);
  const lo = Math.min(...values), hi = Math.max(...values);
  const x = (i) => pad + (i * (w - 2 * pad)) / (points.length - 1);
  const y = (v) => (hi === lo ? hgt / 2 : hgt - pad - ((v - lo) * (hgt - 2 * pad)) / (hi - lo));
  const label = `Trend: ${points.map((p) => `${p.year} ${withUnit(p.value, unit)}`).join(', ')}`;
  const s = svg('svg', { viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, role: 'img', 'aria-label': label, class: 'spark' });
  s.append(svg('polyline', { points: points.map((p, i) => `${x(i)},${y(p.value)}`).join(' '), fill: 'none', class: 'spark-line' }));
  const last = points.length - 1;
  s.append(svg('circle', { cx: x(last), cy: y(points[last].value), r: 2.5, class: 'spark-dot' }));
  return s;
}

function figure(r) {
  if (r.status !== 'computed') return h('span', { class: 'muted' }, r.status === 'survey' ? 'From the survey' : r.status || '');
  if (r.value === null || r.value === undefined) return h('span', { class: 'muted' }, r.suppressed ? 'Suppressed (small numbers)' : 'No figure');
  if (typeof r.value === 'string' && MARKERS[r.value]) return h('span', { class: 'muted' }, MARKERS[r.value]);
  // "(26 of 48)" for a percentage; an average's sum over its count says nothing.
  const counted = r.unit === '%' && typeof r.numerator === 'number' && typeof r.denominator === 'number';
  // A survey figure's denominator is the number who answered (docs/survey.md).
  const answered = /^survey_/.test(r.indicator || '') ? ' answered' : '';
  const frac = counted ? ` (${r.numerator} of ${r.denominator}${answered})` : '';
  return `${withUnit(r.value, r.unit)}${frac}`;
}

function rag(r) {
  if (!r.rag) return h('span', { class: 'muted' }, r.target === null || r.target === undefined ? 'No target' : 'Not rated');
  return h('span', { class: `badge rag-${r.rag}` }, RAG_TEXT[r.rag] || r.rag);
}

function themes(indicators) {
  const by = new Map();
  for (const r of indicators) {
    const t = r.theme || 'Indicators';
    if (!by.has(t)) by.set(t, []);
    by.get(t).push(r);
  }
  return by;
}

// The calendar quarter (2026Q3) the pages' start date falls in.
function currentQuarter(ctx) {
  const d = new Date(`${startDate(ctx)}T12:00:00`);
  return `${d.getFullYear()}Q${Math.floor(d.getMonth() / 3) + 1}`;
}

// The quarterly pack for the Strategy Group and the Panel: one PDF from
// GET /api/v1/pack (published for a role without the unpublished reports).
function packLink(ctx) {
  const quarter = labelled('Quarter', { name: 'quarter', value: currentQuarter(ctx), pattern: '\\d{4}Q[1-4]' });
  const link = h('a', { class: 'button', download: '' }, 'Download the quarterly pack (PDF)');
  const point = () => {
    const q = quarter.input.value.trim();
    link.setAttribute('href', `/api/v1/pack?quarter=${encodeURIComponent(q)}`);
    link.setAttribute('download', `pledge-pack-${q}.pdf`);
  };
  quarter.input.addEventListener('input', point);
  point();
  return h('section', { class: 'filters', 'aria-label': 'Quarterly pack' }, quarter.field, link);
}

export async function render(main, ctx) {
  const year = labelled('Collection year', { name: 'year', value: currentYear(ctx), pattern: '\\d{4}/\\d{2}', inputmode: 'numeric' });
  const form = h('form', { class: 'filters' }, year.field, h('button', { type: 'submit' }, 'Show'));
  const out = h('div', {});
  const load = async () => {
    try {
      const res = await get('/scorecard', { year: year.input.value });
      const card = res.data || {};
      const list = Array.isArray(card) ? card : card.indicators || [];
      fill(out, card.publish ? h('p', {}, 'Published figures: small numbers are suppressed.') : null,
        [...themes(list)].map(([theme, rows]) => table(`${theme}, ${year.input.value}`, [
          { key: 'promise', label: 'Promise' },
          { key: 'title', label: 'Measure' },
          { key: 'value', label: 'Figure', render: figure, numeric: true },
          { key: 'target', label: 'Target', render: (r) => (r.target === null || r.target === undefined ? '' : withUnit(r.target, r.unit)) },
          { key: 'rag', label: 'Rating', render: rag },
          { key: 'trend', label: 'Trend', render: (r) => sparkline(r.trend, r.unit), nosort: true },
        ], rows, { sortable: true })));
    } catch (err) {
      if (err.status === 401) return ctx.signedIn(null);
      fill(out, errorBox(err));
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  fill(main, heading('Pledge scorecard'), form, packLink(ctx), out);
  await load();
}
