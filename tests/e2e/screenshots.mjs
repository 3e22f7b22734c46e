// Screenshots of every page for a person to look at (not a test):
// node tests/e2e/screenshots.mjs OUTDIR, with E2E_BASE_URL and E2E_USERS as
// for the tests. Desktop 1280x900 and phone 390x844.
import { mkdirSync } from 'node:fs';
import { BASE, launch, newPage, signIn } from './browser.mjs';

const out = process.argv[2] || 'tests/e2e/out';
mkdirSync(out, { recursive: true });
const browser = await launch();
const shots = [
  ['signin', null, '#/signin'],
  ['worklist', 'social_worker', '#/worklist'],
  ['child', 'social_worker', 'child'],
  ['children', 'manager', '#/children'],
  ['compliance', 'manager', '#/compliance'],
  ['profile', 'manager', '#/profile'],
  ['scorecard', 'manager', '#/scorecard'],
  ['forecast', 'manager', '#/forecast'],
  ['validation', 'manager', '#/validation'],
  ['import', 'data_analyst', '#/import'],
];
for (const [vw, size] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  for (const [name, role, hash] of shots) {
    const page = await newPage(browser, size);
    if (role) await signIn(page, role);
    if (hash === 'child') {
      await page.getByRole('table').getByRole('link').first().click();
    } else {
      await page.goto(`${BASE}/${hash}`);
    }
    await page.locator('h1').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}/${name}-${vw}.png`, fullPage: vw === 'desktop' });
    await page.context().close();
  }
}
await browser.close();
console.log(`screenshots in ${out}`);
