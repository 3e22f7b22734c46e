// Validation results of the stored return (GET /api/v1/validation?year=):
// each failing row with its failing cells highlighted and the rule's text
// beside it, filterable by rule and by child.

import { get } from '../api.js';
import { h, fill, labelled, heading, errorBox, show } from '../dom.js';

const SHOWN = 200; // rows drawn at once; the filter narrows the rest

function currentYear() {
  const d = new Date();
  const start = d.getMonth() >= 3 ? d.getFullYear() : d.getFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

// The failures and the rule texts, whichever of the expected names the
// document uses.
function failuresOf(data) {
  if (Array.isArray(data)) return { failures: data, rules: new Map() };
  const failures = data.failures || data.errors || data.rows || [];
  const rules = new Map((data.rules || []).map((r) => [String(r.code ?? r.rule), r.message || r.text || '']));
  return { failures, rules };
}

const ruleOf = (f) => String(f.rule ?? f.code ?? '');
const cellsOf = (f) => f.cells || f.row || f.values || {};
const failingOf = (f) => new Set(f.fields || f.failing || f.failing_fields || []);

// One failure: the row as a one-row table, failing cells marked (colour,
// a thick border and the words "fails" for screen readers), the rule beside.
function failureCard(f, rules) {
  const cells = cellsOf(f);
  const failing = failingOf(f);
  const names = Object.keys(cells);
  const where = [f.table || f.file, f.line ? `line ${f.line}` : null].filter(Boolean).join(', ');
  const text = f.message || f.text || rules.get(ruleOf(f)) || '';
  const row = h('table', { class: 'row-table' },
    h('caption', {}, `${where || 'Row'} of child ${f.child || 'unknown'}`),
    h('thead', {}, h('tr', {}, names.map((n) => h('th', { scope: 'col', class: failing.has(n) ? 'bad' : null }, n)))),
    h('tbody', {}, h('tr', {}, names.map((n) => failing.has(n)
      ? h('td', { class: 'bad' }, show(cells[n]), h('span', { class: 'visually-hidden' }, ' (fails this rule)'))
      : h('td', {}, show(cells[n]))))));
  return h('li', { class: 'failure' },
    h('div', { class: 'table-wrap', role: 'region', 'aria-label': `Row failing rule ${ruleOf(f)}`, tabindex: '0' }, row),
    h('p', { class: 'rule' }, h('strong', {}, `Rule ${ruleOf(f)}: `), text));
}

export async function render(main, ctx) {
  const year = labelled('Collection year', { name: 'year', value: currentYear() });
  const yearForm = h('form', { class: 'filters' }, year.field, h('button', { type: 'submit' }, 'Validate'));
  const out = h('div', {});

  const load = async () => {
    fill(out, h('p', {}, 'Loading…'));
    try {
      const res = await get('/validation', { year: year.input.value });
      draw(failuresOf(res.data || {}));
    } catch (err) {
      if (err.status === 401) return ctx.signedIn(null);
      fill(out, errorBox(err));
    }
  };

  function draw({ failures, rules }) {
    const codes = [...new Set(failures.map(ruleOf))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const ruleSel = labelled('Rule', { tag: 'select', name: 'rule', options: [['', 'All rules'], ...codes.map((c) => [c, c])] });
    const childIn = labelled('Child', { name: 'child', type: 'search', placeholder: 'e.g. C000123' });
    const list = h('ol', { class: 'failures' });
    const count = h('p', { role: 'status' });
    const apply = () => {
      const rule = ruleSel.input.value;
      const child = childIn.input.value.trim().toLowerCase();
      const shown = failures.filter((f) => (!rule || ruleOf(f) === rule) && (!child || String(f.child || '').toLowerCase().includes(child)));
      fill(count, `${shown.length} failing row${shown.length === 1 ? '' : 's'}${shown.length > SHOWN ? `, the first ${SHOWN} shown` : ''}.`);
      fill(list, shown.slice(0, SHOWN).map((f) => failureCard(f, rules)));
    };
    ruleSel.input.addEventListener('change', apply);
    childIn.input.addEventListener('input', apply);
    const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the failures' }, ruleSel.field, childIn.field);
    filters.addEventListener('submit', (ev) => ev.preventDefault());
    fill(out, failures.length ? [filters, count, list] : h('p', {}, 'The return passes every rule.'));
    if (failures.length) apply();
  }

  yearForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  fill(main, heading('Validation'), yearForm, out);
  await load();
}
