// Browser test of the import page (node --test, run by tests/e2e/run.sh): a
// data analyst uploads a visits template with a value at fault and sees it
// refused with the problem's line and field; then the corrected file, and
// sees it imported. No axe violation on either answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, newPage, launch, signIn, axeViolations } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

// A child of the history, read through the API as a manager (a data
// analyst opens no child).
async function someChild() {
  const page = await newPage(browser);
  await signIn(page, 'manager');
  const id = await page.evaluate(async () => (await (await fetch('/api/v1/children?per_page=1')).json()).data[0].id);
  await page.context().close();
  return id;
}

async function uploadVisit(page, id, seenAlone) {
  await page.getByLabel('Files of the return (CSV)').setInputFiles({
    name: 'visits.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`CHILD,VISIT_DATE,SEEN_ALONE\n${id},15/03/2010,${seenAlone}\n`),
  });
  await page.getByRole('button', { name: 'Upload and import' }).click();
}

test('a data analyst uploads a template: a fault is refused with its line and field, the corrected file imported', async () => {
  const id = await someChild();
  const page = await newPage(browser);
  await signIn(page, 'data_analyst');
  await page.goto(`${BASE}/#/import`);
  await page.getByRole('heading', { name: 'Import a return' }).waitFor();

  await uploadVisit(page, id, 'maybe');
  await page.getByRole('heading', { name: 'Not imported' }).waitFor();
  const problems = page.getByRole('table', { name: 'Problems' });
  await problems.waitFor();
  const row = await problems.getByRole('row').nth(1).textContent();
  assert.match(row, /SEEN_ALONE/);
  assert.match(row, /'maybe' is not one of yes\|no/);
  assert.deepEqual(await axeViolations(page), []);
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/import-refused.png`, fullPage: true });

  await uploadVisit(page, id, 'yes');
  await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
  assert.match(await page.locator('dl.facts').textContent(), /Files\s*1/);
  assert.deepEqual(await axeViolations(page), []);
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/import-done.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});
