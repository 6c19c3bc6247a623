// axe-core on the main pages, as the person who would see each one: no serious or critical violation of
// WCAG 2.x A/AA. A failure lists each violation with the elements at fault.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { api, DEMO, login, newContext, RUN, tokenFor } from './helpers';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function audit(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map((v) => `${name}: [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
  expect(bad, report).toEqual([]);
}

/** Each page: where to go, and what shows it has loaded (so axe sees the page, not a spinner). */
type Visit = { name: string; path: string; ready: (page: Page) => Promise<void> };

async function auditAll(browser: Browser, visits: Visit[], email?: string) {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  try {
    if (email) await login(page, email);
    for (const v of visits) {
      await test.step(v.name, async () => {
        await page.goto(v.path);
        await v.ready(page);
        await expect(page.locator('[role=status].loading')).toHaveCount(0);
        await audit(page, v.name);
      });
    }
  } finally {
    await ctx.close();
  }
}

const visible = (testId: string) => async (page: Page) => {
  await expect(page.getByTestId(testId).first()).toBeVisible();
};

test.describe('accessibility (axe-core): no serious or critical violations', () => {
  test('public pages', async ({ browser }) => {
    await auditAll(browser, [
      { name: 'home', path: '/', ready: visible('home-challenges') },
      { name: 'directory with results', path: '/members?q=giao%20thong', ready: visible('result-item') },
      { name: 'member page', path: '/members/st-0001', ready: visible('member-profile') },
      { name: 'challenge board', path: '/challenges', ready: visible('challenge-item') },
      { name: 'challenge page', path: '/challenges/ch-0001', ready: visible('challenge-heading') },
      { name: 'login', path: '/login', ready: visible('login-form') },
      { name: 'register', path: '/register', ready: visible('register-form') },
      { name: 'privacy policy', path: '/privacy', ready: visible('privacy-policy') },
    ]);
  });

  test('signed-in pages of a startup', async ({ browser }) => {
    // Something in the inbox: the demo agency publishes a challenge that fits the demo startup (st-0001).
    const client = await api(await tokenFor(DEMO.agency));
    const created = await client.post('/api/v1/challenges', {
      data: {
        title: `Đếm xe máy bằng camera AI tại nút giao ${RUN}`,
        description: 'Cần giải pháp giao thông thông minh: camera AI đếm xe máy, ô tô tại nút giao và điều chỉnh đèn tín hiệu.',
        sectors: ['mobility', 'ai_data'],
        required_skills: ['computer vision', 'giao thông thông minh', 'điều khiển đèn tín hiệu'],
        preferred_kinds: ['startup'],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const published = await client.post(`/api/v1/challenges/${(await created.json()).id}/publish`);
    expect(published.status(), await published.text()).toBe(200);
    await client.dispose();

    await auditAll(
      browser,
      [
        { name: 'notifications', path: '/notifications', ready: visible('notification-item') },
        { name: 'notification settings', path: '/settings/notifications', ready: visible('preferences-form') },
        { name: 'my profile', path: '/me/profile', ready: visible('profile-form') },
        { name: 'privacy settings (with the consent banner)', path: '/settings/privacy', ready: visible('danger-zone') },
        { name: 'challenge page as a solver', path: '/challenges/ch-0001', ready: visible('interest-form') },
      ],
      DEMO.startup,
    );
  });

  test('challenge page with matches, as its agency', async ({ browser }) => {
    await auditAll(browser, [{ name: 'challenge page (agency)', path: '/challenges/ch-0001', ready: visible('match-item') }], DEMO.agency);
  });

  test('admin pages', async ({ browser }) => {
    await auditAll(
      browser,
      [
        { name: 'admin verifications', path: '/admin', ready: visible('verification-queue') },
        { name: 'admin dashboard', path: '/admin/dashboard', ready: visible('dashboard') },
        { name: 'admin import', path: '/admin/import', ready: visible('import-form') },
        { name: 'admin audit log', path: '/admin/audit', ready: visible('audit-table') },
      ],
      DEMO.admin,
    );
  });
});
