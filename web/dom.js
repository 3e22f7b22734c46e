// Small DOM builders the pages share. Text always goes in as text nodes
// (never innerHTML), so data from the server cannot become markup.

// h('p', {class: 'x'}, 'text', child, ...): an element with attributes and
// children; a function attribute named on* becomes an event listener.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// Replaces everything inside el.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// Announces a short message to screen readers through the live region.
export function announce(text) {
  const s = document.getElementById('status');
  if (s) s.textContent = text;
}

// The error box for an ApiError (or any Error): role=alert so it is read out.
export function errorBox(err) {
  const where = err.field ? ` (field: ${err.field})` : '';
  const status = err.status ? `${err.status}: ` : '';
  return h('div', { class: 'error', role: 'alert' }, `${status}${err.message}${where}`);
}

// Today's date as YYYY-MM-DD in local time.
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// The date a page starts from: the server's as_at (today, or the last day of
// a history whose returns stopped long ago, such as the 2010 demo).
export function startDate(ctx) {
  return (ctx && ctx.session && ctx.session.asAt) || today();
}

// A note when the pages start from the end of a stale history, not today.
export function staleNote(ctx) {
  const s = ctx && ctx.session;
  if (!s || !s.asAt || !s.historyEnd || s.asAt !== s.historyEnd || s.asAt === today()) return null;
  return h('p', { class: 'note' }, `The history ends with the return to ${ukDate(s.historyEnd)}: dates start from there, `
    + 'not today, so children the returns stopped following are not shown as years overdue. Choose another date to change it.');
}

// DD/MM/YYYY, as council staff write dates; anything else is shown as given.
export function ukDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso || '';
}

// Codes whose words are not just the code with spaces.
const WORDS = { sdq: 'SDQ score', pa_contact: 'Personal adviser contact', pa_request: 'Request for advice and support', dob: 'Date of birth', upn: 'UPN', uasc: 'UASC', rne: 'RNE', cin: 'CIN' };

// An item code such as "health_assessment" as words.
export function words(code) {
  if (WORDS[code]) return WORDS[code];
  const s = String(code || '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// The page's heading; focus moves to it on navigation so a screen reader
// user hears where they are.
export function heading(text) {
  return h('h1', { tabindex: '-1', id: 'page-title' }, text);
}

function cellValue(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''), 'en-GB', { numeric: true });
}

// A table with a caption and column headers. columns: [{key, label,
// render?(row) -> Node|string, numeric?, nosort?}]. sortable: header buttons sort by
// that column, aria-sort says which one.
export function table(caption, columns, rows, opts = {}) {
  const tbody = h('tbody');
  let sortKey = opts.sortKey || null;
  let ascending = true;
  const headers = columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null, role: opts.stack ? 'columnheader' : null }));

  function drawHeaders() {
    columns.forEach((c, i) => {
      const th = headers[i];
      if (!opts.sortable || c.nosort) return fill(th, c.label);
      th.setAttribute('aria-sort', c.key === sortKey ? (ascending ? 'ascending' : 'descending') : 'none');
      const mark = c.key === sortKey ? (ascending ? ' ▲' : ' ▼') : '';
      fill(th, h('button', { type: 'button', class: 'sort', onclick: () => sortBy(c.key) }, c.label,
        h('span', { 'aria-hidden': 'true' }, mark)));
    });
  }

  function drawRows() {
    const sorted = sortKey ? [...rows].sort((a, b) => compare(a[sortKey], b[sortKey]) * (ascending ? 1 : -1)) : rows;
    fill(tbody, sorted.map((r) => {
      const tr = h('tr', { class: opts.rowClass ? opts.rowClass(r) : null, role: opts.stack ? 'row' : null },
        columns.map((c, i) => {
          const content = c.render ? c.render(r) : cellValue(r[c.key]);
          return i === 0 && opts.rowHeader
            ? h('th', { scope: 'row', 'data-label': c.label, role: opts.stack ? 'rowheader' : null }, content)
            : h('td', { class: c.numeric ? 'num' : null, 'data-label': c.label, role: opts.stack ? 'cell' : null }, content);
        }));
      return tr;
    }));
  }

  function sortBy(key) {
    ascending = key === sortKey ? !ascending : true;
    sortKey = key;
    drawHeaders();
    drawRows();
    announce(`Sorted by ${columns.find((c) => c.key === key).label}, ${ascending ? 'ascending' : 'descending'}`);
  }

  drawHeaders();
  drawRows();
  // stack: on a phone the rows become cards (style.css); the explicit roles
  // keep the table's meaning for screen readers once CSS changes display.
  const role = (r) => (opts.stack ? r : null);
  if (opts.stack) tbody.setAttribute('role', 'rowgroup');
  const t = h('table', { class: opts.stack ? 'stack' : null, role: role('table') }, h('caption', {}, caption),
    h('thead', { role: role('rowgroup') }, h('tr', { role: role('row') }, headers)), tbody);
  const wrap = h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' }, t);
  wrap.removeRow = (row) => {
    rows = rows.filter((r) => r !== row);
    drawRows();
  };
  wrap.rows = () => rows;
  return wrap;
}

// A labelled input, select or textarea: returns {field, input} so the page
// can read the value. options ([[value, text], ...]) fills a select.
export function labelled(label, { tag = 'input', options = [], ...attrs }) {
  const id = attrs.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  const input = h(tag, { ...attrs, id });
  for (const [value, text] of options) input.append(h('option', { value }, text));
  return { field: h('div', { class: 'field' }, h('label', { for: id }, label), input), input };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// A value for display: dates as DD/MM/YYYY, codes left as they are.
export function show(v) {
  if (v === null || v === undefined) return '';
  if (ISO_DATE.test(v)) return ukDate(v);
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  return cellValue(v);
}

// The first date of a record (its own date field, whatever it is called).
export function firstDate(row) {
  if (ISO_DATE.test(row.date)) return row.date;
  const v = Object.values(row).find((x) => ISO_DATE.test(x));
  return v || '';
}

// Fields whose values are codes worth writing out as words.
const CODE_KEYS = new Set(['item', 'kind', 'status', 'category']);

// A table of objects whose fields are not known in advance: one column per
// scalar field, in the order they first appear.
export function autoTable(caption, rows, opts = {}) {
  const keys = [];
  for (const r of rows.slice(0, 50))
    for (const [k, v] of Object.entries(r)) if ((v === null || typeof v !== 'object') && !keys.includes(k)) keys.push(k);
  const columns = keys.map((k) => ({ key: k, label: words(k), numeric: typeof rows[0][k] === 'number', render: (r) => (CODE_KEYS.has(k) ? words(r[k]) : show(r[k])) }));
  return table(caption, columns, rows, { sortable: true, ...opts });
}
