// What a visitor (not signed in) sees: the home page's open challenges, and the directory's
// search-as-you-type with accent-insensitive matching and highlights in the original accented text.
import { expect, test } from '@playwright/test';
import { api, dict } from './helpers';

test.describe('visitor', () => {
  test('home shows the latest open challenge titles from the API', async ({ page }) => {
    const client = await api();
    const res = await client.get('/api/v1/challenges', { params: { status: 'open', per_page: 5 } });
    expect(res.status()).toBe(200);
    const titles = ((await res.json()).items as { title: string }[]).map((c) => c.title);
    await client.dispose();
    expect(titles.length, 'the demo data has open challenges').toBeGreaterThan(0);

    await page.goto('/');
    const shown = page.getByTestId('home-challenges').getByTestId('challenge-title');
    await expect(shown).toHaveText(titles);
    // The counts come from the API too: the open-challenge tile is a number, not the placeholder.
    await expect(page.getByTestId('home-counts').locator('.stat-challenges .stat-num')).toHaveText(/^\d[\d.,\s]*$/);
  });

  test('directory: typing "giao thong" finds accented results with highlights', async ({ page }) => {
    const client = await api();
    const res = await client.get('/api/v1/members', { params: { q: 'giao thong', per_page: 20 } });
    expect(res.status()).toBe(200);
    const body = await res.json();
    const names = (body.items as { name: string }[]).map((m) => m.name);
    await client.dispose();
    expect(names.length).toBeGreaterThan(0);

    await page.goto('/members');
    const box = page.getByTestId('member-search');
    await expect(box).toHaveAccessibleName(dict['members.searchLabel']);
    await expect(page.getByTestId('result-count')).not.toBeEmpty();
    // Type it, a key at a time, and never press Enter: the list follows the typing.
    await box.pressSequentially('giao thong', { delay: 40 });
    await expect(page).toHaveURL(/[?&]q=giao(\+|%20)thong(&|$)/);

    const results = page.getByTestId('results');
    await expect(results.getByTestId('member-name').first()).toHaveText(names[0]);
    await expect(results.getByTestId('member-name')).toHaveText(names);
    await expect(page.getByTestId('result-count')).toContainText(String(body.total));

    // The query had no diacritics; the results show the original accented text, the matched words in <mark>.
    const marks = results.locator('mark');
    await expect(marks.first()).toBeVisible();
    const marked = (await marks.allTextContents()).map((s) => s.toLowerCase());
    expect(marked).toContain('giao');
    expect(marked).toContain('thông');
    const accentedPhrase = results.locator('p', { has: page.locator('mark', { hasText: /^thông$/i }) }).first();
    await expect(accentedPhrase).toBeVisible();
    expect(await accentedPhrase.innerHTML()).toMatch(/<mark>giao<\/mark>\s*<mark>thông<\/mark>/i);
    // Names with diacritics are shown as they are written.
    expect(names.some((n) => /[\u00c0-\u1ef9]/.test(n))).toBe(true);
    for (const n of names.filter((x) => /[\u00c0-\u1ef9]/.test(x)).slice(0, 3)) {
      await expect(results.getByTestId('member-name').filter({ hasText: n }).first()).toBeVisible();
    }
    // Nothing from the data became markup other than <mark>.
    await expect(results.locator('script, img, iframe')).toHaveCount(0);

    // Deleting the text goes back to the whole directory.
    await box.fill('');
    await expect(page).not.toHaveURL(/[?&]q=/);
  });

  test('directory: /members?q=giao%20thong renders accented results directly', async ({ page }) => {
    await page.goto('/members?q=giao%20thong');
    await expect(page.getByTestId('member-search')).toHaveValue('giao thong');
    await expect(page.getByTestId('results').getByTestId('member-name').first()).toBeVisible();
    await expect(page.getByTestId('results').locator('mark', { hasText: /^thông$/i }).first()).toBeVisible();
  });
});
