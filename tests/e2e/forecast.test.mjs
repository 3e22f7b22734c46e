// Browser tests of the forecast page (node --test, run by tests/e2e/run.sh): a
// manager runs a scenario (entrants under section 20 halved, with the places
// the council has from a capacity CSV) and keeps it by name; the page shows
// its sufficiency gap and fan charts, the stored forecasts list it, and it
// opens again from the list; no accessibility violation on the way.
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

test('a manager runs a scenario, keeps it and sees it listed and opened', async () => {
  const page = await newPage(browser);
  await signIn(page, 'manager');
  await page.goto(`${BASE}/#/forecast`);
  await page.getByRole('heading', { name: 'Stored forecasts' }).waitFor();
  // The synthetic history of run.sh ends with the return to 31/03/2010.
  await page.getByLabel('From (the last day of history used)').fill('2010-03-31');
  await page.getByLabel('Years ahead').fill('2');
  await page.getByRole('button', { name: 'Add an adjustment' }).click();
  await page.getByLabel('Rate').selectOption('entrants');
  await page.getByLabel('Legal status').selectOption('section_20');
  await page.getByLabel('Multiply by').fill('0.5');
  await page.getByLabel('Capacity CSV (placement, distance, provider, places)').setInputFiles({
    name: 'capacity.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('placement,distance,provider,places\nfostering,unknown,in_house,40\nresidential,unknown,commissioned,6\n'),
  });
  const name = `Fewer s20 entrants ${Date.now()}`;
  await page.getByLabel('Keep it as (a name; empty: not kept)').fill(name);
  await page.getByRole('button', { name: 'Run the forecast' }).click();
  await page.getByRole('heading', { name: `Forecast kept as “${name}”` }).waitFor({ timeout: 120000 });
  const gap = page.getByRole('table', { name: /Sufficiency gap/ });
  await gap.waitFor();
  assert.match(await gap.innerText(), /fostering\s+40/i);
  assert.ok((await page.locator('svg.fan').count()) >= 5, 'a fan chart for the total and each placement type');
  assert.match(await page.getByRole('paragraph').filter({ hasText: 'follow the scenario' }).innerText(), /scenario/);
  // Listed among the stored forecasts, with its scenario, and opened from there.
  const row = page.getByRole('row').filter({ hasText: name });
  await row.waitFor();
  assert.match(await row.innerText(), /entrants,all,all,section_20,0\.5/);
  await row.getByRole('button', { name }).click();
  await page.getByRole('heading', { name: new RegExp(`Stored forecast “${name}”`) }).waitFor();
  // Its capacity can be used again by the next scenario.
  assert.ok(await page.getByLabel('Or the capacity of a stored forecast').locator('option', { hasText: name }).count());
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.problems, []);
});
