// The platform's main journey, through the web app only, one browser context per person:
//   a startup registers (choosing its kind), fills and publishes its profile, and is found in the directory;
//   an agency registers (pending), an admin verifies it, the agency posts and publishes a challenge and sees
//   the ranked, explained solvers; the startup, whose page stayed open all along, sees its bell count rise
//   live and finds the match in its notifications.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEMO, dict, login, newContext, RUN, settledBellCount, tr } from './helpers';

const PASSWORD = 'e2e-passphrase-2026-long';
const startup = {
  email: `startup-${RUN.toLowerCase()}@e2e.innonet.test`,
  name: `Thoát Nước Xanh ${RUN}`,
  headline: 'Cảnh báo ngập úng thời gian thực bằng cảm biến mực nước LoRaWAN',
  description:
    'Chúng tôi lắp cảm biến mực nước siêu âm tại các điểm ngập, truyền dữ liệu qua LoRaWAN và dự báo ngập úng ' +
    'cho từng tuyến phố trong 30 phút tới, để điều phối xe bơm và cảnh báo người dân.',
  ward: 'Phường Hoàn Kiếm',
  sectors: ['water_flood', 'iot_smart_city'],
  skills: ['cảm biến mực nước', 'lorawan', 'dự báo ngập'],
};
const agency = {
  email: `agency-${RUN.toLowerCase()}@e2e.innonet.test`,
  name: `Ban Quản lý Thoát nước ${RUN}`,
  headline: 'Quản lý hệ thống thoát nước và chống ngập nội đô',
  jurisdiction: 'Các quận nội thành Hà Nội',
};
const challenge = {
  title: `Cảnh báo ngập úng theo thời gian thực cho các tuyến phố ${RUN}`,
  description:
    'Cần giải pháp cảm biến mực nước và dự báo ngập úng để cảnh báo người dân và điều phối xe bơm khi mưa lớn ' +
    'trên các tuyến phố thường xuyên ngập.',
  sectors: ['water_flood', 'iot_smart_city'],
  skills: ['cảm biến mực nước', 'dự báo ngập', 'lorawan'],
};

/** Sector labels by id, as the pickers show them (from the API's taxonomy). */
let sectorLabel: Record<string, string> = {};
let startupPage: Page;
let startupCtx: BrowserContext;
let agencyCtx: BrowserContext;
let startupMemberId = '';
let bellBefore = 0;
let challengeId = '';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

test.beforeAll(async ({ browser }) => {
  startupCtx = await newContext(browser);
  agencyCtx = await newContext(browser);
  const res = await fetch(`${process.env.INNONET_E2E_BASE_URL}/api/v1/sectors`);
  const items = (await res.json()).items as { id: string; label_vi: string }[];
  sectorLabel = Object.fromEntries(items.map((s) => [s.id, s.label_vi]));
});

test.afterAll(async () => {
  await startupCtx?.close();
  await agencyCtx?.close();
});

async function register(page: Page, kind: 'startup' | 'agency', name: string, email: string) {
  await page.goto('/register');
  const form = page.getByTestId('register-form');
  const kinds = form.getByTestId('kind-choice');
  // Choose the kind: the name field follows it (a person's name for an expert, else an organisation's).
  await kinds.getByRole('radio', { name: dict['kind.expert'] }).check();
  await expect(form.getByLabel(dict['auth.nameExpert'])).toBeVisible();
  await kinds.getByRole('radio', { name: dict[`kind.${kind}`] }).check();
  await expect(kinds.getByRole('radio', { name: dict[`kind.${kind}`] })).toBeChecked();
  if (kind === 'agency') await expect(form.getByText(dict['auth.verifyNote'])).toBeVisible();
  await form.getByLabel(dict['auth.nameOrg']).fill(name);
  await form.getByLabel(dict['field.email']).fill(email);
  await form.getByLabel(dict['auth.password']).fill(PASSWORD);
  await form.getByTestId('consent-checkbox').check();
  await form.getByRole('button', { name: dict['auth.register'] }).click();
  // Registered and signed in: on to one's own (draft) profile.
  await expect(page).toHaveURL(/\/me\/profile$/);
  await expect(page.getByTestId('profile-form')).toBeVisible();
  await expect(page.getByTestId('profile-status')).toHaveText(dict['pstatus.draft']);
}

async function addTags(page: Page, testId: string, tags: string[]) {
  const input = page.getByTestId(testId).getByRole('textbox');
  for (const tag of tags) {
    await input.fill(tag);
    await input.press('Enter');
    await expect(page.getByTestId(testId).locator('.tag', { hasText: tag })).toBeVisible();
  }
}

async function pickSectors(page: Page, scope: string, ids: string[]) {
  const picker = page.getByTestId(scope);
  for (const id of ids) await picker.getByRole('checkbox', { name: sectorLabel[id], exact: true }).check();
}

test('a startup registers, fills and publishes its profile, and is found in the directory', async ({ browser }) => {
  startupPage = await startupCtx.newPage();
  const page = startupPage;
  await register(page, 'startup', startup.name, startup.email);

  const form = page.getByTestId('profile-form');
  await form.getByLabel(dict['field.headline']).fill(startup.headline);
  await form.getByLabel(dict['field.description']).fill(startup.description);
  await form.getByLabel(dict['field.ward']).fill(startup.ward);
  await pickSectors(page, 'sector-picker', startup.sectors);
  await addTags(page, 'skills-input', startup.skills);
  const kindFields = page.getByTestId('kind-fields');
  await kindFields.getByLabel(dict['field.stage']).selectOption('mvp');
  await kindFields.getByLabel(dict['field.founded']).fill('2024');
  await kindFields.getByLabel(dict['field.teamSize']).fill('6');
  await page.getByTestId('publish-profile').click();
  await expect(page.getByTestId('profile-status')).toHaveText(dict['pstatus.published']);
  await expect(page.getByText(dict['myProfile.publishedNow'])).toBeVisible();
  await expect(page.getByTestId('publish-profile')).toHaveCount(0);
  const href = await page.getByRole('link', { name: dict['myProfile.view'] }).getAttribute('href');
  startupMemberId = decodeURIComponent(href!.replace('/members/', ''));
  expect(startupMemberId).toMatch(/^st-/);

  // A visitor finds it, typing the name without diacritics.
  const visitorCtx = await newContext(browser);
  const visitor = await visitorCtx.newPage();
  await visitor.goto('/members');
  await visitor.getByTestId('member-search').pressSequentially(`thoat nuoc xanh ${RUN.toLowerCase()}`, { delay: 20 });
  const hit = visitor.getByTestId('result-item').filter({ has: visitor.locator(`[data-member-id="${startupMemberId}"]`) });
  await expect(hit).toBeVisible();
  await expect(hit.getByTestId('member-name')).toHaveText(startup.name);
  await expect(hit.getByTestId('member-name').locator('mark').first()).toBeVisible();
  await hit.getByTestId('member-name').click();
  await expect(visitor.getByTestId('profile-name')).toHaveText(startup.name);
  await expect(visitor.getByTestId('member-profile')).toContainText(startup.headline);
  await visitorCtx.close();
});

test('an admin verifies a new agency, which posts and publishes a challenge and sees explained matches', async ({ browser }) => {
  // The agency registers: it waits for verification.
  const ag = await agencyCtx.newPage();
  await register(ag, 'agency', agency.name, agency.email);
  await expect(ag.getByTestId('profile-form')).toBeVisible();
  await ag.getByTestId('profile-form').getByLabel(dict['field.headline']).fill(agency.headline);
  await ag.getByTestId('kind-fields').getByLabel(dict['field.jurisdiction']).fill(agency.jurisdiction);
  await pickSectors(ag, 'sector-picker', ['water_flood']);
  await ag.getByTestId('publish-profile').click();
  await expect(ag.getByTestId('profile-status')).toHaveText(dict['pstatus.published']);
  await expect(ag.getByText(dict['verif.pending'], { exact: true })).toBeVisible();

  // Meanwhile the startup's page stays open (never reloaded from here on): mark it, and note its bell.
  await startupPage.evaluate(() => ((window as unknown as { __e2eSamePage: boolean }).__e2eSamePage = true));
  bellBefore = await settledBellCount(startupPage);

  // The admin verifies it from the queue.
  const adminCtx = await newContext(browser);
  const admin = await adminCtx.newPage();
  await login(admin, DEMO.admin, undefined, '/admin');
  const queue = admin.getByTestId('verification-queue');
  const item = queue.getByTestId('verification-item').filter({ hasText: agency.name });
  await expect(item).toBeVisible();
  await expect(item).toContainText(dict['verif.pending']);
  await item.getByTestId('verify').click();
  await expect(admin.getByText(tr('admin.verifiedDone', { name: agency.name }))).toBeVisible();
  await expect(queue.getByTestId('verification-item').filter({ hasText: agency.name })).toHaveCount(0);
  await adminCtx.close();

  // The agency, now verified, posts a challenge (a draft) ...
  await ag.reload();
  await expect(ag.getByText(dict['verif.verified'], { exact: true })).toBeVisible();
  await ag.getByRole('navigation', { name: dict['nav.main'] }).getByRole('link', { name: dict['nav.newChallenge'] }).click();
  const form = ag.getByTestId('challenge-form');
  await expect(form).toBeVisible();
  await expect(ag.getByText(dict['cform.needVerified'])).toHaveCount(0);
  await form.getByLabel(dict['field.title']).fill(challenge.title);
  await form.getByLabel(dict['field.description']).fill(challenge.description);
  await pickSectors(ag, 'sector-picker', challenge.sectors);
  await addTags(ag, 'required-skills-input', challenge.skills);
  await form.getByRole('checkbox', { name: dict['kind.startup'], exact: true }).check();
  await ag.getByTestId('save-challenge').click();
  await expect(ag).toHaveURL(/\/challenges\/ch-[^/]+$/);
  challengeId = decodeURIComponent(new URL(ag.url()).pathname.split('/').pop()!);
  await expect(ag.getByTestId('challenge-heading')).toHaveText(challenge.title);
  await expect(ag.getByTestId('challenge-page').locator('.profile-head')).toContainText(dict['cstatus.draft']);

  // ... and publishes it.
  await ag.getByTestId('publish-challenge').click();
  await expect(ag.getByTestId('publish-challenge')).toHaveCount(0);
  await expect(ag.getByTestId('challenge-page').locator('.profile-head')).toContainText(dict['cstatus.open']);
  await expect(ag.getByTestId('close-challenge')).toBeVisible();

  // The ranked candidate solvers, each with the reasons it was suggested; the startup that fits is first.
  await ag.reload();
  const matches = ag.getByTestId('challenge-matches');
  await expect(matches).toBeVisible();
  const items = matches.getByTestId('match-item');
  expect(await items.count()).toBeGreaterThan(1);
  await expect(items.first()).toHaveAttribute('data-member-id', startupMemberId);
  await expect(items.first()).toContainText(startup.name);
  const reasons = items.first().getByTestId('match-reasons').getByRole('listitem');
  expect(await reasons.count()).toBeGreaterThan(1);
  await expect(items.first().getByTestId('match-reasons')).toContainText('lorawan');
  await expect(items.first().getByTestId('match-reasons')).toContainText(sectorLabel.water_flood.toLowerCase(), { ignoreCase: true });
  // Ranked: the scores never rise down the list.
  const scores = (await matches.locator('.score-num').allTextContents()).map((s) => Number(s.match(/\d+/)?.[0]));
  expect(scores.every((s) => Number.isFinite(s))).toBe(true);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  // Every candidate is explained.
  for (const m of await items.all()) await expect(m.getByTestId('match-reasons')).toBeVisible();
});

test('the startup is notified live: its bell count rises without a reload', async () => {
  expect(challengeId, 'the challenge was published by the previous test').not.toBe('');
  const page = startupPage;
  await expect.poll(async () => Number(await page.getByTestId('bell-count').textContent()), { timeout: 15_000 })
    .toBeGreaterThan(bellBefore);
  await expect(page.getByTestId('bell')).toHaveAttribute('aria-label', new RegExp(tr('bell.unread', { count: '\\d+' })));
  // The same document all along: the marker set before the agency published is still there.
  expect(await page.evaluate(() => (window as unknown as { __e2eSamePage?: boolean }).__e2eSamePage)).toBe(true);

  // The bell leads to the notification, explained.
  await page.getByTestId('bell').click();
  await expect(page).toHaveURL(/\/notifications$/);
  const item = page.getByTestId('notification-item').filter({ hasText: challenge.title });
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute('data-read', 'false');
  await expect(item).toContainText(dict['notif.type.challenge_match']);
  await expect(item.getByTestId('match-reasons')).toContainText('lorawan');
  expect(await page.evaluate(() => (window as unknown as { __e2eSamePage?: boolean }).__e2eSamePage)).toBe(true);

  // Reading it brings the bell down by one.
  const before = Number(await page.getByTestId('bell-count').textContent());
  await item.getByTestId('mark-read').click();
  await expect(item).toHaveAttribute('data-read', 'true');
  await expect(page.getByTestId('bell-count')).toHaveText(String(before - 1));
  // And it opens the challenge, where the startup can express interest.
  await item.getByRole('link', { name: challenge.title }).click();
  await expect(page.getByTestId('challenge-heading')).toHaveText(challenge.title);
  await expect(page.getByTestId('interest-form')).toBeVisible();
});
