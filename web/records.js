// The local records a user can enter (the CSV templates of docs/templates:
// visits, health assessments, ...): one form, built from this table, used by
// the worklist and by a child's page. A record is POSTed to
// /api/v1/children/{id}/records as {kind, date, ...fields}, where each extra
// field is the template's column name in lower case; the server applies the
// same checks as an import and answers with the error envelope naming the
// field when one fails.

import { post } from './api.js';
import { h, fill, errorBox, labelled, today, words } from './dom.js';

export const YES_NO = [['yes', 'Yes'], ['no', 'No']];
// The template's words (docs/templates.md, PA_CONTACT_TYPE): what the server accepts.
export const PA_CONTACT_TYPES = [['visit', 'In person'], ['phone', 'Phone'], ['video', 'Video call'], ['message', 'Message']];
// PA_REQUEST (docs/templates.md, PARequests): Children Act 1989 s23CZB(2) and (3)(b).
export const PA_REQUESTS = [['requested', 'Asked for advice and support'], ['withdrawn', 'No longer wants a personal adviser']];

export const RECORD_KINDS = {
  visit: { label: 'Visit', fields: [{ name: 'seen_alone', label: 'Child seen alone', options: YES_NO }] },
  health_assessment: {
    label: 'Health assessment',
    fields: [{ name: 'ha_type', label: 'Assessment type', options: [['initial', 'Initial'], ['review', 'Review']] }],
  },
  dental_check: { label: 'Dental check', fields: [] },
  immunisation: { label: 'Immunisations up to date', fields: [] },
  sdq: { label: 'SDQ score', fields: [{ name: 'sdq_score', label: 'SDQ score (0 to 40)', type: 'number', min: 0, max: 40 }] },
  education_plan: { label: 'Personal education plan', fields: [] },
  care_plan: { label: 'Care plan', fields: [] },
  needs_assessment: { label: 'Needs assessment', fields: [] },
  pathway_plan: { label: 'Pathway plan', fields: [] },
  pa_contact: {
    label: 'Personal adviser contact',
    fields: [{ name: 'pa_contact_type', label: 'Contact type', options: PA_CONTACT_TYPES }],
  },
  pa_request: {
    label: 'Request for advice and support (21 to 24)',
    fields: [{ name: 'pa_request', label: 'Request', options: PA_REQUESTS }],
  },
};

// The record that settles a due item of the worklist, if one can be entered
// here (reviews come from the return, not from a template).
const ITEM_TO_KIND = { pathway_plan_review: 'pathway_plan' };

export function kindForItem(item) {
  const kind = ITEM_TO_KIND[item] || item;
  return RECORD_KINDS[kind] ? kind : null;
}

function fieldInput(f) {
  if (f.options) return labelled(f.label, { tag: 'select', name: f.name, options: f.options });
  return labelled(f.label, { name: f.name, type: f.type || 'text', min: f.min, max: f.max, required: true });
}

// A form recording one KIND for CHILD; onDone(record) after the server
// accepted it. kind null gives a choice of kind. day is the date it starts
// with (the pages' start date: today, or the end of a stale history).
export function recordForm(childId, kind, onDone, day = today()) {
  const message = h('div', { class: 'message' });
  const kindSel = labelled('Record', {
    tag: 'select',
    name: 'kind',
    options: Object.entries(RECORD_KINDS).map(([k, v]) => [k, v.label]),
  });
  if (kind) kindSel.input.value = kind;
  const date = labelled('Date', { name: 'date', type: 'date', required: true, max: today(), value: day });
  const extra = h('div', { class: 'extra' });
  let inputs = [];
  const drawExtra = () => {
    inputs = RECORD_KINDS[kindSel.input.value].fields.map((f) => ({ f, ...fieldInput(f) }));
    fill(extra, inputs.map((i) => i.field));
  };
  kindSel.input.addEventListener('change', drawExtra);
  drawExtra();
  const button = h('button', { type: 'submit' }, 'Save record');
  const form = h('form', { class: 'record-form' }, kind ? null : kindSel.field, date.field, extra, message, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { kind: kindSel.input.value, date: date.input.value };
    for (const i of inputs) body[i.f.name] = i.f.type === 'number' ? Number(i.input.value) : i.input.value;
    button.disabled = true;
    try {
      const res = await post(`/children/${encodeURIComponent(childId)}/records`, body);
      fill(message, h('p', { class: 'ok', role: 'status' }, `${words(body.kind)} recorded.`));
      onDone(res.data, body);
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
  return form;
}

// The form in a modal dialog (keyboard: focus moves in, Escape closes,
// focus returns to the opener).
export function recordDialog(childId, kind, opener, onDone, day = today()) {
  const title = `Record ${RECORD_KINDS[kind].label.toLowerCase()} for ${childId}`;
  const close = h('button', { type: 'button', class: 'link', onclick: () => dialog.close() }, 'Cancel');
  const form = recordForm(childId, kind, (rec, body) => {
    dialog.close();
    onDone(rec, body);
  }, day);
  const dialog = h('dialog', { 'aria-labelledby': 'dialog-title' }, h('h2', { id: 'dialog-title' }, title), form, close);
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener.isConnected) opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
