// Corrections of a child's records, on the child's page: the value of a
// visit, health assessment, immunisation, SDQ score, pathway plan, adviser
// contact or visit regime, or the date of any record (all a dental check,
// PEP, care plan or needs assessment has), changed with a reason
// (PUT /api/v1/children/{id}/records), and every earlier correction with the
// value it replaced, who and when (GET /api/v1/children/{id}/corrections).
// The form sends the record's version as this page read it, so when someone
// else corrected the record since, the server refuses (409) and says to reload.

import { get, request } from './api.js';
import { h, fill, errorBox, labelled, ukDate, words, autoTable } from './dom.js';
import { YES_NO, PA_CONTACT_TYPES, PA_REQUESTS } from './records.js';

// The one value each kind's correction changes, by its template's name.
const VALUES = {
  visit: { name: 'seen_alone', label: 'Child seen alone', options: YES_NO },
  health_assessment: { name: 'ha_type', label: 'Assessment type', options: [['initial', 'Initial'], ['review', 'Review']] },
  immunisation: { name: 'imms_up_to_date', label: 'Immunisations up to date', options: YES_NO },
  sdq: { name: 'sdq_score', label: 'SDQ score (0 to 40)', type: 'number', min: 0, max: 40 },
  pathway_plan: { name: 'pathway_plan_type', label: 'Plan or review', options: [['plan', 'Plan'], ['review', 'Review']] },
  pa_contact: { name: 'pa_contact_type', label: 'Contact type', options: PA_CONTACT_TYPES },
  pa_request: { name: 'pa_request', label: 'Request', options: PA_REQUESTS },
  visit_regime: {
    name: 'regime',
    label: 'Visit regime',
    options: [['standard', 'Standard'], ['reg19_assessment_pending', 'Placed with a parent, assessment pending'],
      ['reg24_temporary_approval', 'Connected person, temporary approval']],
  },
};

// The kinds of record that are a date alone: only their date is corrected.
const DATE_ONLY = new Set(['dental_check', 'education_plan', 'care_plan', 'needs_assessment']);

function valueInput(kind, what) {
  if (what === 'date') return labelled('New date', { name: 'new_date', type: 'date', required: true });
  const v = VALUES[kind];
  if (v.options) return labelled(v.label, { tag: 'select', name: v.name, options: v.options });
  return labelled(v.label, { name: v.name, type: v.type, min: v.min, max: v.max, required: true });
}

function historyTable(childId, history) {
  if (!history.length) return h('p', {}, 'No record of this child has been corrected.');
  return autoTable(`Corrections of ${childId}`, history.map((c) => ({
    record: `${words(c.kind)} of ${ukDate(c.date)}`,
    field: words(c.field),
    old_value: c.old_value,
    new_value: c.new_value,
    version: c.version,
    changed_by: c.changed_by,
    changed_at: c.changed_at.replace('T', ' ').replace('Z', ' UTC'),
    reason: c.reason,
  })));
}

// The section: a form over the child's correctable records (raw records of
// the child's document) and the history. onDone() after a correction.
export async function correctionsSection(childId, records, onDone) {
  const path = `/children/${encodeURIComponent(childId)}`;
  const history = (await get(`${path}/corrections`)).data || [];
  const version = (r) => 1 + history.filter((c) => c.kind === r.kind && c.date === r.date).length;
  const correctable = (records || []).filter((r) => VALUES[r.kind] || DATE_ONLY.has(r.kind));
  const heading = h('h2', { id: 'corr-h' }, 'Corrections');
  if (!correctable.length)
    return h('section', { 'aria-labelledby': 'corr-h' }, heading, historyTable(childId, history));
  const current = (r) => (r[VALUES[r.kind].name] === null || r[VALUES[r.kind].name] === undefined ? 'not recorded' : r[VALUES[r.kind].name]);
  const describe = (r) => `${words(r.kind)} of ${ukDate(r.date)}${VALUES[r.kind] ? ` (${words(VALUES[r.kind].name)}: ${current(r)})` : ''}`;
  const pick = labelled('Record to correct', {
    tag: 'select',
    name: 'record',
    options: correctable.map((r, i) => [String(i), describe(r)]),
  });
  const whatBox = h('div', {});
  const valueBox = h('div', {});
  let what = null;
  let value = null;
  const drawValue = () => {
    value = valueInput(correctable[Number(pick.input.value)].kind, what.input.value);
    fill(valueBox, value.field);
  };
  // What to correct: the value or the date (a record of a date alone: the date).
  const drawWhat = () => {
    const r = correctable[Number(pick.input.value)];
    const options = VALUES[r.kind] ? [['value', VALUES[r.kind].label], ['date', 'Date']] : [['date', 'Date']];
    what = labelled('Correct', { tag: 'select', name: 'what', options });
    what.input.addEventListener('change', drawValue);
    fill(whatBox, what.field);
    drawValue();
  };
  pick.input.addEventListener('change', drawWhat);
  drawWhat();
  const reason = labelled('Why (kept with the change)', { name: 'reason', required: true, maxlength: 255 });
  const message = h('div', { class: 'message' });
  const button = h('button', { type: 'submit' }, 'Save correction');
  const form = h('form', { class: 'record-form' }, pick.field, whatBox, valueBox, reason.field, message, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = correctable[Number(pick.input.value)];
    const v = VALUES[r.kind];
    const body = { kind: r.kind, date: r.date, version: version(r), reason: reason.input.value };
    if (what.input.value === 'date') body.new_date = value.input.value;
    else body[v.name] = v.type === 'number' ? Number(value.input.value) : value.input.value;
    button.disabled = true;
    try {
      await request('PUT', `${path}/records`, body);
      onDone(body);
    } catch (err) {
      fill(message, errorBox(err));
      const bad = err.field && form.querySelector(`[name="${CSS.escape(err.field)}"]`);
      if (bad) {
        bad.setAttribute('aria-invalid', 'true');
        bad.focus();
      }
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': 'corr-h', class: 'card' }, heading, form,
    h('h3', {}, 'Earlier corrections'), historyTable(childId, history));
}
