// Import by upload: the files of a 903 return (and local templates) sent as
// multipart/form-data to POST /api/v1/imports, with a progress bar fed by
// the upload's progress events; the answer is the import's result or the
// list of problems, each naming its file, line and field. Another import
// running on the server is a 409, shown as the error it is. A box asks for
// import --keep-invalid (keep_invalid=1): rows whose only faults are codes or
// contradicting fields are stored with those values marked and unknown.

import { upload } from '../api.js';
import { h, fill, heading, errorBox, autoTable, show, words, announce } from '../dom.js';

function result(data) {
  if (!data || typeof data !== 'object') return h('p', {}, 'Imported.');
  const lists = Object.entries(data).filter(([, v]) => Array.isArray(v) && v.length && typeof v[0] === 'object');
  const facts = Object.entries(data).filter(([, v]) => v === null || typeof v !== 'object');
  return h('div', {},
    facts.length ? h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', {}, words(k)), h('dd', {}, show(v))])) : null,
    lists.map(([k, rows]) => autoTable(words(k), rows)));
}

export async function render(main) {
  const files = h('input', { type: 'file', id: 'files', name: 'files', multiple: true, accept: '.csv,.xml,text/csv', required: true });
  const progress = h('progress', { id: 'upload-progress', max: '100', value: '0' });
  const progressField = h('div', { class: 'field', hidden: true }, h('label', { for: 'upload-progress' }, 'Upload progress'), progress);
  const keep = h('input', { type: 'checkbox', id: 'keep-invalid', name: 'keep_invalid' });
  // The box inside its label keeps the two on one line.
  const keepField = h('div', { class: 'field' }, h('label', { for: 'keep-invalid' }, keep,
    ' Keep rows whose only faults are invalid codes or contradicting fields (each value at fault is marked and stored as unknown)'));
  const out = h('div', {});
  const button = h('button', { type: 'submit' }, 'Upload and import');
  const form = h('form', { class: 'card' },
    h('div', { class: 'field' }, h('label', { for: 'files' }, 'Files of the return (CSV)'), files,
      h('p', { class: 'hint', id: 'files-hint' }, 'Choose every file of one collection year: header.csv, episodes.csv, …')),
    keepField, progressField, button);
  files.setAttribute('aria-describedby', 'files-hint');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!files.files.length) {
      fill(out, errorBox(new Error('Choose the files to import first.')));
      files.focus();
      return;
    }
    const body = new FormData();
    for (const f of files.files) body.append('files', f, f.name);
    progressField.hidden = false;
    progress.value = 0;
    button.disabled = true;
    fill(out, h('p', {}, 'Uploading…'));
    try {
      // Once the files are sent the server imports them, then loads and
      // prepares the new snapshot before it answers: seconds on a large
      // history, which the page says rather than sit at "Uploading…".
      const res = await upload(keep.checked ? '/imports?keep_invalid=1' : '/imports', body, (frac) => {
        progress.value = Math.round(frac * 100);
        if (frac >= 1) fill(out, h('p', {}, 'Uploaded. Importing… the answer comes when the import is done and everyone reads the new data.'));
      });
      progress.value = 100;
      fill(out, h('h2', {}, 'Imported'), result(res.data));
      announce('Import finished.');
    } catch (err) {
      const problems = err.envelope && err.envelope.problems;
      fill(out, h('h2', {}, 'Not imported'), errorBox(err), problems ? autoTable('Problems', problems) : null);
      announce('The import failed.');
    } finally {
      button.disabled = false;
    }
  });
  fill(main, heading('Import a return'), form, out);
}
