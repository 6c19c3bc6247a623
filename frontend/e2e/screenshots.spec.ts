// Screenshots of the main pages for the README, into docs/screenshots/ (`make screenshots`): 1280x800 desktop
// views and one 390x844 phone view, from the demo data. Not part of `make e2e` (playwright.config.ts runs this
// file only when INNONET_SCREENSHOTS=1).
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, statSync } from 'node:fs';
import sharp from 'sharp';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, DEMO, login, newContext, tokenFor } from './helpers';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
const MAX_BYTES = 300 * 1024;

test.describe.configure({ mode: 'serial', timeout: 60_000 });

/** The page once nothing is loading, captured at the viewport's size. */
async function shot(page: Page, name: string) {
  await expect(page.locator('[role=status].loading')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
  // No focus ring or hover left over from getting here.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const path = join(OUT, `${name}.png`);
  const raw = await page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' });
  // A 256-colour palette (libimagequant, dithered) keeps the gradients smooth at a third of the size.
  mkdirSync(OUT, { recursive: true });
  await sharp(raw).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9, dither: 1 }).toFile(path);
  const size = statSync(path).size;
  expect(size, `${name}.png is ${Math.round(size / 1024)} KB`).toBeLessThan(MAX_BYTES);
}

test('visitor pages', async ({ browser }) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto('/');
  await expect(page.getByTestId('home-challenges').getByTestId('challenge-title').first()).toBeVisible();
  await expect(page.getByTestId('home-counts')).not.toContainText('–');
  await shot(page, 'home');

  await page.goto('/members');
  await page.getByTestId('member-search').pressSequentially('giao thong', { delay: 20 });
  await expect(page.getByTestId('results').locator('mark').first()).toBeVisible();
  await expect(page.getByTestId('results')).not.toHaveAttribute('aria-busy', 'true');
  await shot(page, 'directory-search');

  await page.goto('/members/st-0001');
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await shot(page, 'member-profile');
  await ctx.close();
});

test('phone: home', async ({ browser }) => {
  const ctx = await browser.newContext({
    baseURL: process.env.INNONET_E2E_BASE_URL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  const page = await ctx.newPage();
  await page.goto('/');
  await expect(page.getByTestId('home-challenges').getByTestId('challenge-title').first()).toBeAttached();
  await shot(page, 'home-phone');
  await ctx.close();
});

test('agency: challenge page with explained matches', async ({ browser }) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await login(page, DEMO.agency, undefined, '/challenges/ch-0001');
  await expect(page.getByTestId('challenge-matches').getByTestId('match-item').first()).toBeVisible();
  await expect(page.getByTestId('owner-actions')).toBeVisible();
  await shot(page, 'challenge');
  // The matches are below the challenge's text: start the view at the section's heading.
  await page.evaluate(() => {
    const h = document.getElementById('matches-title');
    const header = document.querySelector('.site-header');
    const sticky = header && getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().height : 0;
    if (h) window.scrollTo({ top: h.getBoundingClientRect().top + window.scrollY - sticky - 24, behavior: 'instant' });
  });
  await shot(page, 'challenge-matches');
  await ctx.close();
});

test('startup: notifications', async ({ browser }) => {
  // Two new challenges that fit the demo startup (st-0001), published by the demo agency.
  const client = await api(await tokenFor(DEMO.agency));
  for (const c of [
    {
      title: 'Đếm xe máy bằng camera AI tại các nút giao cửa ngõ phía Tây',
      description: 'Cần giải pháp giao thông thông minh: camera AI đếm xe máy, ô tô tại nút giao và đề xuất thời gian đèn tín hiệu.',
      sectors: ['mobility', 'ai_data'],
      required_skills: ['computer vision', 'giao thông thông minh', 'điều khiển đèn tín hiệu'],
      preferred_kinds: ['startup'],
    },
    {
      title: 'Phát hiện điểm ùn tắc giờ cao điểm quanh các trường học',
      description: 'Phân tích luồng giao thông bằng camera AI quanh cổng trường giờ tan học, cảnh báo ùn tắc và gợi ý phân luồng.',
      sectors: ['mobility', 'iot_smart_city'],
      required_skills: ['computer vision', 'phân tích luồng giao thông'],
      preferred_kinds: ['startup', 'expert'],
    },
  ]) {
    const created = await client.post('/api/v1/challenges', { data: c });
    expect(created.status(), await created.text()).toBe(201);
    const published = await client.post(`/api/v1/challenges/${(await created.json()).id}/publish`);
    expect(published.status(), await published.text()).toBe(200);
  }
  await client.dispose();

  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await login(page, DEMO.startup, undefined, '/notifications');
  await expect(page.getByTestId('notification-item').first()).toBeVisible();
  await shot(page, 'notifications');
  await ctx.close();
});

test('admin: dashboard', async ({ browser }) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await login(page, DEMO.admin, undefined, '/admin/dashboard');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('chart-kind')).toBeVisible();
  await shot(page, 'admin-dashboard');
  await ctx.close();
});
