// Compliance: how many statutory items fell due in a period and how many
// were done on time, late or not at all (GET /api/v1/compliance?from=&to=).

import { get } from '../api.js';
import { h, fill, table, labelled, heading, words, ukDate, startDate, errorBox } from '../dom.js';

// The last collection year (1 April to 31 March) complete on the pages'
// start date (today, or the end of a stale history, whose last year is).
function lastYear(ctx) {
  const d = new Date(`${startDate(ctx)}T12:00:00`);
  d.setDate(d.getDate() + 1);
  const end = d.getMonth() >= 3 ? d.getFullYear() : d.getFullYear() - 1;
  return [`${end - 1}-04-01`, `${end}-03-31`];
}

function rateBar(rate) {
  const pct = Math.max(0, Math.min(100, Number(rate) || 0));
  return h('span', { class: 'rate' }, h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: `fill w${Math.round(pct / 5) * 5}` })), ` ${pct}%`);
}

// The share done on time, in whole per cent (the server may give it; else
// it follows from the counts).
function onTimeRate(r) {
  if (typeof r.on_time_rate === 'number') return Math.round(r.on_time_rate);
  return r.fell_due ? Math.round((100 * r.on_time) / r.fell_due) : 0;
}

export async function render(main, ctx) {
  const [f, t] = lastYear(ctx);
  const from = labelled('From', { type: 'date', name: 'from', value: f });
  const to = labelled('To', { type: 'date', name: 'to', value: t });
  const form = h('form', { class: 'filters' }, from.field, to.field, h('button', { type: 'submit' }, 'Show'));
  const out = h('div', {});
  const load = async () => {
    try {
      const res = await get('/compliance', { from: from.input.value, to: to.input.value });
      const rows = res.data || [];
      fill(out, table(`Statutory items due from ${ukDate(from.input.value)} to ${ukDate(to.input.value)}`, [
        { key: 'item', label: 'Item', render: (r) => words(r.item) },
        { key: 'fell_due', label: 'Fell due', numeric: true },
        { key: 'on_time', label: 'On time', numeric: true },
        { key: 'late', label: 'Late', numeric: true },
        { key: 'not_done', label: 'Not done', numeric: true },
        { key: 'on_time_rate', label: 'On time rate', render: (r) => rateBar(onTimeRate(r)), nosort: true },
      ], rows, { sortable: true, rowHeader: true, stack: true }));
    } catch (err) {
      if (err.status === 401) return ctx.signedIn(null);
      fill(out, errorBox(err));
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  fill(main, heading('Compliance'), form, out);
  await load();
}
