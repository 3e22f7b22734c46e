// The young people's survey for staff: a round's results per promise
// (GET /api/v1/survey/results, published for a role without the unpublished
// reports) and, for the survey_admin capability, the rounds, opening one and
// issuing its codes, which are shown once to be printed (docs/survey.md).

import { get, post } from '../api.js';
import { h, fill, table, labelled, heading, errorBox, announce } from '../dom.js';

const ANSWERS = ['always', 'mostly', 'sometimes', 'never'];

function share(r) {
  return r.percent === 'c' ? 'c' : r.percent === 'z' ? '' : `${r.percent}%`;
}

async function showResults(out, round) {
  const res = await get('/survey/results', round ? { round } : {});
  const d = res.data;
  const rows = d.promises.map((p) => ({ ...p, ...Object.fromEntries(ANSWERS.map((a) => [a, p.by_answer[a]])) }));
  fill(out,
    h('p', {}, `Round “${d.round}”, reporting on ${d.year - 1}/${String(d.year % 100).padStart(2, '0')}.`,
      d.published ? ` Published: counts from 1 to ${d.threshold} are withheld as c, with whatever would give them away.` : ''),
    table(`Answers per promise, ${d.round}`, [
      { key: 'promise', label: 'Promise' },
      { key: 'question', label: 'Question (11 to 17)' },
      { key: 'answered', label: 'Answered', numeric: true },
      ...ANSWERS.map((a) => ({ key: a, label: a[0].toUpperCase() + a.slice(1), numeric: true })),
      { key: 'percent', label: 'Always or mostly', numeric: true, render: share },
    ], rows, { rowHeader: true, stack: true }));
}

// Opening a round and issuing codes: the codes are in the answer only once.
function adminForms(ctx, reload) {
  const name = labelled('Round name', { name: 'round', required: true });
  const year = labelled('Reports on the year ending 31 March', { name: 'year', type: 'number', min: 2000, max: 2100, value: new Date().getFullYear() + (new Date().getMonth() >= 3 ? 1 : 0) });
  const count = labelled('Number of codes', { name: 'count', type: 'number', min: 1, max: 2000, value: 30 });
  const message = h('div', { class: 'message' });
  const codes = h('div', {});
  const open = h('form', { class: 'card' }, h('h2', {}, 'Open a round'), name.field, year.field,
    h('button', { type: 'submit' }, 'Open the round'));
  open.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post('/survey/rounds', { name: name.input.value, year: Number(year.input.value) });
      announce(`Round ${name.input.value} is open`);
      fill(message, h('p', { role: 'status' }, `Round “${name.input.value}” is open.`));
      reload();
    } catch (err) {
      fill(message, errorBox(err));
    }
  });
  const roundFor = labelled('Round', { name: 'code-round', required: true });
  const issue = h('form', { class: 'card' }, h('h2', {}, 'Issue codes'), roundFor.field, count.field,
    h('button', { type: 'submit' }, 'Issue codes'));
  issue.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const res = await post('/survey/codes', { round: roundFor.input.value, count: Number(count.input.value) });
      fill(codes, h('h2', {}, 'Codes: shown only now'),
        h('p', {}, 'Print this page, cut the codes apart and hand one to each young person. Each works once. Keep no list of who had which.'),
        h('ol', { class: 'codes' }, res.data.codes.map((c) => h('li', {}, c))),
        h('button', { type: 'button', onclick: () => window.print() }, 'Print'));
      reload();
    } catch (err) {
      fill(message, errorBox(err));
    }
  });
  return [message, h('div', { class: 'grid' }, open, issue), codes];
}

async function showRounds(out) {
  const res = await get('/survey/rounds');
  fill(out, table('Survey rounds', [
    { key: 'name', label: 'Round' },
    { key: 'year', label: 'Year ending March', numeric: true },
    { key: 'opened', label: 'Opened' },
    { key: 'closed', label: 'Closed', render: (r) => (r.closed ? 'Yes' : 'No') },
    { key: 'codes', label: 'Codes', numeric: true },
    { key: 'used', label: 'Used', numeric: true },
  ], res.data, { rowHeader: true, stack: true }));
}

export async function render(main, ctx) {
  const round = labelled('Round (empty: the newest)', { name: 'round' });
  const form = h('form', { class: 'filters' }, round.field, h('button', { type: 'submit' }, 'Show'));
  const out = h('div', {});
  const rounds = h('div', {});
  const load = async () => {
    try {
      await showResults(out, round.input.value);
    } catch (err) {
      if (err.status === 401) return ctx.signedIn(null);
      fill(out, errorBox(err));
    }
  };
  const loadRounds = async () => {
    try {
      await showRounds(rounds);
    } catch (err) {
      fill(rounds, errorBox(err));
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  const admin = ctx.can('survey_admin');
  fill(main, heading('Survey results'), form, out,
    admin ? [h('h2', {}, 'Rounds and codes'), rounds, ...adminForms(ctx, loadRounds)] : null);
  await load();
  if (admin) await loadRounds();
}
