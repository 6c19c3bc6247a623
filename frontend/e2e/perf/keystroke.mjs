// Measures, in Chromium, how long the directory takes to show new results after a keystroke, against a
// running server (INNONET_E2E_BASE_URL) holding many members. Prints p50/p95 in milliseconds.
//   INNONET_E2E_BASE_URL=http://127.0.0.1:8080 node e2e/perf/keystroke.mjs
import { chromium } from '@playwright/test';

const base = process.env.INNONET_E2E_BASE_URL ?? 'http://127.0.0.1:8080';
const words = ['giao thong', 'cam bien', 'nong nghiep', 'y te', 'du lich', 'nang luong', 'chatbot', 'du lieu', 'rac thai', 'khong khi'];

const browser = await chromium.launch({
  executablePath: process.env.INNONET_E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
await page.goto(`${base}/members`);
await page.getByTestId('member-search').waitFor();
await page.evaluate(() => {
  const w = window;
  w.__deltas = [];
  w.__lastKey = 0;
  const input = document.querySelector('[data-testid="member-search"]');
  input.addEventListener('keydown', () => { w.__lastKey = performance.now(); w.__pending = true; });
  new MutationObserver(() => {
    if (w.__pending && document.querySelector('[data-testid="results"]')) {
      w.__deltas.push(performance.now() - w.__lastKey);
      w.__pending = false;
    }
  }).observe(document.querySelector('main') ?? document.body, { childList: true, subtree: true, characterData: true });
});
for (const word of words) {
  await page.getByTestId('member-search').fill('');
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.__pending = false; });
  await page.getByTestId('member-search').pressSequentially(word, { delay: 400 });
  await page.waitForTimeout(400);
}
const deltas = (await page.evaluate(() => window.__deltas)).sort((a, b) => a - b);
await browser.close();
const pct = (p) => deltas[Math.min(deltas.length - 1, Math.ceil((p / 100) * deltas.length) - 1)].toFixed(0);
console.log(`keystroke to updated results over ${deltas.length} keystrokes: p50 ${pct(50)} ms, p95 ${pct(95)} ms`);
