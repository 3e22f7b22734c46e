// Placement sufficiency: the forecast of the children looked after full
// time (GET /api/v1/forecast?from=&years=), a fan chart for the total and
// each group of the breakdown chosen (placement type, legal status or age
// band) (the history, then the 95%, 80% and 50% intervals and
// the median), the same figures as a table, and the back-test of the method
// beside no change and a trend, so nobody reads a forecast without knowing
// how good the last ones were (docs/forecast.md).
//
// A scenario (adjustments to the entry, exit and move rates and entrants of
// some states, multiplied or added to, and the places the council has, from
// a capacity CSV or a stored forecast's) runs through POST /api/v1/forecasts
// and, given a name, is kept; the stored forecasts are listed, opened and
// compared side by side, each with its own back-test.

import { get, post } from '../api.js';
import { h, fill, table, labelled, heading, errorBox, ukDate, announce } from '../dom.js';

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

// The values a scenario's row can take, as the templates name them
// (docs/templates.md), with words for the form.
const WHAT = [['entrants', 'Entrants (entries into care)'], ['leaving', 'Leaving care before 18'], ['moves', 'Moves (placement type or distance)']];
const ALL = [['all', 'All']];
const AGES = ALL.concat(BREAKDOWNS.age[1].map(([k, n]) => [k.split(':')[1], n]));
const PLACEMENTS = ALL.concat(BREAKDOWNS.placement[1].map(([k, n]) => [k.split(':')[1], n]));
const LEGAL = ALL.concat(BREAKDOWNS.legal_status[1].map(([k, n]) => [k.split(':')[1], n]));

// One row of the scenario form; row.csv() gives its line of the template.
function adjustmentRow(n, onRemove) {
  const what = labelled('Rate', { tag: 'select', name: `what-${n}`, options: WHAT });
  const age = labelled('Age band', { tag: 'select', name: `age-${n}`, options: AGES });
  const placement = labelled('Placement type', { tag: 'select', name: `placement-${n}`, options: PLACEMENTS });
  const legal = labelled('Legal status', { tag: 'select', name: `legal-${n}`, options: LEGAL });
  const multiply = labelled('Multiply by', { name: `multiply-${n}`, type: 'number', step: 'any', min: 0, value: 1 });
  const add = labelled('Entrants a year added', { name: `add-${n}`, type: 'number', step: 'any', value: 0 });
  const remove = h('button', { type: 'button', class: 'secondary' }, 'Remove');
  const el = h('fieldset', { class: 'adjustment' }, h('legend', {}, `Adjustment ${n}`),
    what.field, age.field, placement.field, legal.field, multiply.field, add.field, remove);
  remove.addEventListener('click', () => onRemove(el));
  el.csv = () => {
    const addValue = what.input.value === 'entrants' ? add.input.value || '0' : '';
    return [what.input.value, age.input.value, placement.input.value, legal.input.value, multiply.input.value || '1', addValue].join(',');
  };
  return el;
}

const TEMPLATE_HEADER = 'what,age,placement,legal_status,multiply,add';

function gapTable(doc) {
  const gaps = (doc.sufficiency_gap || []).filter((g) => g.distance === 'all');
  if (!gaps.length) return null;
  const dates = (doc.forecast || []).map((p) => p.date);
  const rows = gaps.map((g) => {
    const row = { placement: g.placement.replace(/_/g, ' '), places: g.places };
    g.gap.forEach((f, i) => { row[`y${i}`] = `${Math.round(f.p50)} (80%: ${Math.round(f.p10)} to ${Math.round(f.p90)})`; });
    return row;
  });
  return table('Sufficiency gap: children forecast less the places (above 0 is a shortfall), median and 80% interval',
    [{ key: 'placement', label: 'Placement type' }, { key: 'places', label: 'Places', numeric: true },
      ...dates.map((d, i) => ({ key: `y${i}`, label: ukDate(d) }))], rows, { stack: true });
}

// The forecast document as the page shows it.
function showForecast(doc, breakdown) {
  const series = [TOTAL, ...BREAKDOWNS[breakdown][1]];
  const gap = gapTable(doc);
  return [
    h('p', {}, `Children looked after full time (short breaks apart) on ${ukDate(doc.origin)}: ${doc.at_origin?.total ?? 0}. `
      + `Each chart shows the recorded counts, then the median of ${doc.runs} simulated futures with the 50%, 80% and 95% intervals. `
      + `Rates from the ${doc.window_years} years up to the origin; distance from home ${doc.distance}.`
      + (doc.scenario ? ' These futures follow the scenario\'s adjustments.' : '')),
    ...(gap ? [h('h3', {}, 'Sufficiency gap'), gap] : []),
    h('h3', {}, 'Back-test'), backtestTable(doc),
    h('h3', {}, 'Fan charts'), h('div', { class: 'fans' }, series.map(([key, name]) => fanChart(name, seriesPoints(doc, key)))),
    h('h3', {}, 'The figures'), valuesTable(doc, series),
  ];
}

// Stored forecasts side by side: for the total and each series of the
// breakdown, on each date, every forecast's median [80% interval], then the
// back-test of each one-year-ahead total.
function comparison(stored, breakdown) {
  const series = [TOTAL, ...BREAKDOWNS[breakdown][1]];
  const rows = [];
  const dates = [...new Set(stored.flatMap((s) => (s.document.forecast || []).map((p) => p.date)))].sort();
  for (const [key, name] of series)
    for (const date of dates) {
      const row = { series: name, date: ukDate(date) };
      stored.forEach((s, i) => {
        const p = (s.document.forecast || []).find((q) => q.date === date);
        const f = p && p.looked_after[key];
        row[`f${i}`] = f ? `${Math.round(f.p50)} [${Math.round(f.p10)}–${Math.round(f.p90)}]` : '';
      });
      rows.push(row);
    }
  const cols = [{ key: 'series', label: 'Children' }, { key: 'date', label: 'Date' },
    ...stored.map((s, i) => ({ key: `f${i}`, label: s.name }))];
  const pct = (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : 'none');
  const scores = stored.map((s) => ({ name: s.name, origin: ukDate(s.origin), scenario: s.scenario || 'none',
    mape: pct(s.backtest_total_1y_mape), in80: pct(s.backtest_total_1y_in_80) }));
  return [
    table('The forecasts side by side: median [80% interval] of the children looked after on each date', cols, rows, { stack: true }),
    table('Each one\'s back-test: the total one year ahead', [
      { key: 'name', label: 'Forecast' }, { key: 'origin', label: 'Origin' }, { key: 'scenario', label: 'Scenario' },
      { key: 'mape', label: 'Mean error', numeric: true }, { key: 'in80', label: 'Inside 80% interval', numeric: true },
    ], scores, { stack: true }),
  ];
}

export async function render(main, ctx) {
  const from = labelled('From (the last day of history used)', { name: 'from', type: 'date', value: lastYearEnd() });
  const years = labelled('Years ahead', { name: 'years', type: 'number', min: 1, max: 10, value: 3 });
  const by = labelled('Breakdown', { tag: 'select', name: 'by', options: Object.entries(BREAKDOWNS).map(([k, [label]]) => [k, label]) });
  // The scenario: rows of adjustments, the capacity, and a name to keep it by.
  const rowsBox = h('div', { class: 'adjustments' });
  let rowCount = 0;
  const addRow = () => rowsBox.append(adjustmentRow(++rowCount, (el) => el.remove()));
  const addButton = h('button', { type: 'button', class: 'secondary' }, 'Add an adjustment');
  addButton.addEventListener('click', addRow);
  const capacityFile = labelled('Capacity CSV (placement, distance, provider, places)', { name: 'capacity', type: 'file', accept: '.csv,text/csv' });
  const capacityFrom = labelled('Or the capacity of a stored forecast', { tag: 'select', name: 'capacity_from', options: [['', 'None']] });
  const saveName = labelled('Keep it as (a name; empty: not kept)', { name: 'name', type: 'text', maxlength: 80 });
  const form = h('form', { class: 'filters forecast-form' },
    h('fieldset', {}, h('legend', {}, 'Forecast'), from.field, years.field, by.field),
    h('fieldset', {}, h('legend', {}, 'Scenario: adjustments to rates and entrants'),
      h('p', { class: 'hint' }, 'Each row multiplies the rates of the states it matches, or adds entrants a year to them (shared by their entrants in the window). None: the forecast as the history says.'),
      rowsBox, addButton),
    h('fieldset', {}, h('legend', {}, 'Placements the council has'), capacityFile.field, capacityFrom.field),
    saveName.field,
    h('button', { type: 'submit' }, 'Run the forecast'));
  const out = h('section', { 'aria-labelledby': 'forecast-result' }, h('p', { role: 'status' }, 'Simulating the futures…'));
  const storedBox = h('section', { 'aria-labelledby': 'stored-title' });
  const compareBox = h('div', {});

  const runScenario = async () => {
    const adjust = [...rowsBox.querySelectorAll('fieldset.adjustment')].map((el) => el.csv());
    const file = capacityFile.input.files && capacityFile.input.files[0];
    const body = { from: from.input.value, years: Number(years.input.value) };
    if (adjust.length) body.adjust = `${TEMPLATE_HEADER}\n${adjust.join('\n')}\n`;
    if (file) body.capacity = await file.text();
    else if (capacityFrom.input.value) body.capacity_from = capacityFrom.input.value;
    if (saveName.input.value.trim()) body.name = saveName.input.value.trim();
    const res = await post('/forecasts', body);
    return res.data || {};
  };

  const load = async (scenario) => {
    fill(out, h('p', { role: 'status' }, 'Simulating the futures…'));
    try {
      const doc = scenario ? await runScenario() : (await get('/forecast', { from: from.input.value, years: years.input.value })).data || {};
      fill(out, h('h2', { id: 'forecast-result' }, doc.saved_as ? `Forecast kept as “${doc.saved_as}”` : 'Forecast'),
        showForecast(doc, by.input.value));
      if (doc.saved_as) {
        announce(`Forecast kept as ${doc.saved_as}`);
        saveName.input.value = '';
        await listStored();
      }
    } catch (err) {
      if (err.status === 401) return ctx.signedIn(null);
      fill(out, h('h2', { id: 'forecast-result' }, 'Forecast'), errorBox(err));
    }
  };

  const openStored = async (names) => {
    fill(compareBox, h('p', { role: 'status' }, 'Reading the stored forecasts…'));
    try {
      const stored = await Promise.all(names.map(async (n) => (await get(`/forecasts/${encodeURIComponent(n)}`)).data));
      fill(compareBox, stored.length === 1
        ? [h('h3', {}, `Stored forecast “${stored[0].name}”, kept ${stored[0].saved.slice(0, 10)} by ${stored[0].saved_by}`), ...showForecast(stored[0].document, by.input.value)]
        : [h('h3', {}, `${stored.length} stored forecasts side by side`), ...comparison(stored, by.input.value)]);
    } catch (err) {
      if (err.status === 401) return ctx.signedIn(null);
      fill(compareBox, errorBox(err));
    }
  };

  const listStored = async () => {
    let list = [];
    try {
      list = (await get('/forecasts')).data.forecasts || [];
    } catch (err) {
      if (err.status === 401) return ctx.signedIn(null);
      fill(storedBox, h('h2', { id: 'stored-title' }, 'Stored forecasts'), errorBox(err));
      return;
    }
    fill(capacityFrom.input, h('option', { value: '' }, 'None'),
      list.filter((f) => f.has_capacity).map((f) => h('option', { value: f.name }, f.name)));
    const pct = (v) => (typeof v === 'number' ? v.toFixed(1) : '');
    const chosen = new Set();
    const rows = list.map((f) => ({ ...f, mape: pct(f.backtest_total_1y_mape), in80: pct(f.backtest_total_1y_in_80) }));
    const compareButton = h('button', { type: 'button' }, 'Compare the chosen side by side');
    compareButton.addEventListener('click', () => {
      if (chosen.size) openStored([...chosen]);
    });
    fill(storedBox, h('h2', { id: 'stored-title' }, 'Stored forecasts'),
      list.length ? [table('Forecasts kept by name, the latest first', [
        { key: 'pick', label: 'Compare', nosort: true, render: (r) => {
          const box = h('input', { type: 'checkbox', 'aria-label': `Compare ${r.name}` });
          box.addEventListener('change', () => (box.checked ? chosen.add(r.name) : chosen.delete(r.name)));
          return box;
        } },
        { key: 'name', label: 'Name', render: (r) => h('button', { type: 'button', class: 'link', onclick: () => openStored([r.name]) }, r.name) },
        { key: 'saved', label: 'Kept', render: (r) => `${ukDate(r.saved.slice(0, 10))} by ${r.saved_by}` },
        { key: 'origin', label: 'Origin', render: (r) => ukDate(r.origin) },
        { key: 'years', label: 'Years', numeric: true },
        { key: 'scenario', label: 'Scenario', render: (r) => r.scenario || 'none' },
        { key: 'mape', label: 'Back-test: mean error 1 year ahead %', numeric: true },
        { key: 'in80', label: 'Inside 80% interval %', numeric: true },
      ], rows, { stack: true }), compareButton]
        : h('p', {}, 'No forecast is kept yet: give a scenario a name to keep it.'),
      compareBox);
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load(true);
  });
  fill(main, heading('Placement sufficiency forecast'), form, out, storedBox);
  await Promise.all([load(false), listStored()]);
}
