// Browser test of correcting a record's date (node --test, run by
// tests/e2e/run.sh): a social worker opens a child, moves a visit to the date
// it really took place through the correction form, and sees the visit under
// its new date in the timeline and the date it had in the record's history; a
// second page that read the record before a later change is refused with the
// conflict message, and nothing it sent is applied; a page read before a
// visit was moved is told where it went. No axe violation on either.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, signIn, axeViolations } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const ukDate = (iso) => iso.split('-').reverse().join('/');

// The day after iso, as YYYY-MM-DD (dates taken as UTC: no clock change).
function nextDay(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// A child of the caseload with a visit, and that visit's date, read through
// the API as the page's own session: not `avoid` (the worklist's first child,
// whose first visit dashboard.test.mjs corrects), the caseload's last first.
async function childWithVisit(page, avoid) {
  return page.evaluate(async (avoid) => {
    const list = await (await fetch('/api/v1/children?per_page=500')).json();
    const ids = list.data.map((c) => c.id).filter((id) => id !== avoid).reverse();
    for (const id of ids) {
      const child = (await (await fetch(`/api/v1/children/${encodeURIComponent(id)}`)).json()).data;
      const visits = child.records.filter((r) => r.kind === 'visit').map((r) => r.date);
      if (visits.length) return { id, visits };
    }
    return null;
  }, avoid);
}

// Picks the record whose option starts with label in the page's correction
// form, then what to correct ('Date' or the value's label). Returns the
// section and the option's text ("Visit of 09/03/2010 (Seen alone: yes)").
async function pickRecord(page, label, what) {
  const section = page.getByRole('region', { name: 'Corrections' });
  const pick = section.getByLabel('Record to correct');
  const options = await pick.locator('option').allTextContents();
  const i = options.findIndex((t) => t.startsWith(label));
  assert.ok(i >= 0, `"${label}" is among the records to correct: ${options.join(' | ')}`);
  await pick.selectOption(String(i));
  await section.getByLabel('Correct', { exact: true }).selectOption({ label: what });
  return { section, text: options[i] };
}

// The visits of the timeline dated iso.
function timelineVisits(page, iso) {
  return page
    .getByRole('region', { name: 'Timeline' })
    .locator('li')
    .filter({ has: page.locator(`time[datetime="${iso}"]`) })
    .filter({ has: page.locator('strong', { hasText: /^Visit$/ }) });
}

test("a social worker moves a visit to its right date; a page read before a later change is refused", async () => {
  const page = await newPage(browser);
  await signIn(page, 'social_worker');
  const first = page.getByRole('table').getByRole('link').first();
  await first.waitFor();
  const found = await childWithVisit(page, await first.textContent());
  assert.ok(found, 'a child of the caseload has a visit');
  const { id, visits } = found;
  const was = visits[0];
  let moved = nextDay(was);
  while (visits.includes(moved)) moved = nextDay(moved);

  await page.goto(`${BASE}/#/children/${encodeURIComponent(id)}`);
  await page.getByRole('heading', { name: `Child ${id}` }).waitFor();
  assert.equal(await timelineVisits(page, was).count(), 1);
  let { section } = await pickRecord(page, `Visit of ${ukDate(was)}`, 'Date');
  await section.getByLabel('New date').fill(moved);
  const reason = `the visit notes give the next day ${Date.now()}`;
  await section.getByLabel('Why (kept with the change)').fill(reason);
  assert.deepEqual(await axeViolations(page), []);
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/correct-date-form.png`, fullPage: true });
  await section.getByRole('button', { name: 'Save correction' }).click();
  await page.getByRole('status').filter({ hasText: `Visit of ${ukDate(was)} corrected` }).waitFor({ state: 'attached' });

  // The timeline has the visit on its new date and no longer on the old one.
  await timelineVisits(page, moved).waitFor();
  assert.equal(await timelineVisits(page, was).count(), 0);
  // The history keeps the date it had: the record (under its new date), the
  // field, the old and new dates, then the version the correction made (2).
  const history = page.getByRole('table', { name: `Corrections of ${id}` });
  const row = history.getByRole('row').filter({ hasText: reason });
  await row.waitFor();
  assert.match(await row.textContent(), new RegExp(`^Visit of ${ukDate(moved)}Date${ukDate(was)}${ukDate(moved)}2`));

  // A second page of the same session reads the visit at version 2; the
  // first then corrects its value (version 3), so the second's is stale.
  const stale = await page.context().newPage();
  stale.problems = [];
  stale.on('pageerror', (e) => stale.problems.push(String(e)));
  await stale.goto(`${BASE}/#/children/${encodeURIComponent(id)}`);
  await stale.getByRole('heading', { name: `Child ${id}` }).waitFor();
  await stale.getByRole('region', { name: 'Corrections' }).getByLabel('Record to correct').waitFor();

  let text;
  ({ section, text } = await pickRecord(page, `Visit of ${ukDate(moved)}`, 'Child seen alone'));
  const now = /Seen alone: yes/.test(text) ? 'no' : 'yes';
  await section.getByLabel('Child seen alone').selectOption(now);
  await section.getByLabel('Why (kept with the change)').fill(`seen alone, as the notes say ${Date.now()}`);
  await section.getByRole('button', { name: 'Save correction' }).click();
  await page.getByRole('status').filter({ hasText: `Visit of ${ukDate(moved)} corrected` }).waitFor({ state: 'attached' });

  const later = nextDay(moved);
  const { section: staleSection } = await pickRecord(stale, `Visit of ${ukDate(moved)}`, 'Date');
  await staleSection.getByLabel('New date').fill(later);
  await staleSection.getByLabel('Why (kept with the change)').fill('moved again from an old page');
  await staleSection.getByRole('button', { name: 'Save correction' }).click();
  const alert = staleSection.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /^409: this visit was changed since it was read: it is at version 3, not 2; reload it and make the change again/);
  assert.deepEqual(await axeViolations(stale), []);
  if (process.env.E2E_SHOTS) await stale.screenshot({ path: `${process.env.E2E_SHOTS}/correct-date-conflict.png`, fullPage: true });

  // Nothing of the refused correction was applied: reloaded, the visit is
  // still on the date the first page gave it.
  await stale.reload();
  await timelineVisits(stale, moved).waitFor();
  assert.equal(await timelineVisits(stale, later).count(), 0);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(stale.problems, []);
});

test('a page read before a visit was moved to another date is told where it went', async () => {
  const page = await newPage(browser);
  await signIn(page, 'social_worker');
  const first = page.getByRole('table').getByRole('link').first();
  await first.waitFor();
  const found = await childWithVisit(page, await first.textContent());
  assert.ok(found, 'a child of the caseload has a visit');
  const { id, visits } = found;
  const was = visits[0];
  let moved = nextDay(was);
  while (visits.includes(moved)) moved = nextDay(moved);

  // Both pages read the visit on its date; the first then moves it.
  const stale = await page.context().newPage();
  stale.problems = [];
  stale.on('pageerror', (e) => stale.problems.push(String(e)));
  for (const p of [page, stale]) {
    await p.goto(`${BASE}/#/children/${encodeURIComponent(id)}`);
    await p.getByRole('heading', { name: `Child ${id}` }).waitFor();
    await p.getByRole('region', { name: 'Corrections' }).getByLabel('Record to correct').waitFor();
  }
  const { section } = await pickRecord(page, `Visit of ${ukDate(was)}`, 'Date');
  await section.getByLabel('New date').fill(moved);
  await section.getByLabel('Why (kept with the change)').fill(`moved before the other page saved ${Date.now()}`);
  await section.getByRole('button', { name: 'Save correction' }).click();
  await page.getByRole('status').filter({ hasText: `Visit of ${ukDate(was)} corrected` }).waitFor({ state: 'attached' });

  // The stale page corrects the value of the visit on the date it no longer has.
  const { section: staleSection, text } = await pickRecord(stale, `Visit of ${ukDate(was)}`, 'Child seen alone');
  await staleSection.getByLabel('Child seen alone').selectOption(/Seen alone: yes/.test(text) ? 'no' : 'yes');
  await staleSection.getByLabel('Why (kept with the change)').fill('from a page read before the move');
  await staleSection.getByRole('button', { name: 'Save correction' }).click();
  const alert = staleSection.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), new RegExp(`^409: this visit was changed since it was read: it was moved from ${was} to ${moved} and is at version \\d+, not \\d+; reload it and make the change again`));
  assert.deepEqual(await axeViolations(stale), []);
  if (process.env.E2E_SHOTS) await stale.screenshot({ path: `${process.env.E2E_SHOTS}/correct-moved-conflict.png`, fullPage: true });

  // Reloaded, the stale page shows the visit where it is now, its value as it was.
  await stale.reload();
  await timelineVisits(stale, moved).waitFor();
  assert.equal(await timelineVisits(stale, was).count(), 0);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(stale.problems, []);
});
