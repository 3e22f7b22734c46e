// The strategy's profile on a date: the counts of children in care and care
// leavers, one table per group (GET /api/v1/profile?at=).

import { get } from '../api.js';
import { h, fill, table, labelled, heading, startDate, ukDate, errorBox } from '../dom.js';

function groups(rows) {
  const byTable = new Map();
  for (const r of rows) {
    if (!byTable.has(r.table)) byTable.set(r.table, []);
    byTable.get(r.table).push(r);
  }
  return byTable;
}

export async function render(main, ctx) {
  const at = labelled('On', { type: 'date', name: 'at', value: startDate(ctx) });
  const form = h('form', { class: 'filters' }, at.field, h('button', { type: 'submit' }, 'Show'));
  const out = h('div', {});
  const load = async () => {
    try {
      const res = await get('/profile', { at: at.input.value });
      const tables = [...groups(res.data || [])].map(([name, rows]) => table(`${name} on ${ukDate(at.input.value)}`, [
        { key: 'row', label: 'Group' },
        { key: 'count', label: 'Number', numeric: true, render: (r) => r.count ?? r.value ?? '' },
      ], rows, { rowHeader: true }));
      fill(out, tables.length ? tables : h('p', {}, 'No figures for this date.'));
    } catch (err) {
      if (err.status === 401) return ctx.signedIn(null);
      fill(out, errorBox(err));
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  fill(main, heading('Profile'), form, out);
  await load();
}
