// Browser tests of the web app against the real server: `make e2e` (all but the screenshots) and
// `make screenshots` (docs/screenshots/). e2e/global-setup.ts starts bin/innonet on a free loopback port with a
// fresh data dir and the demo data, and stops it at the end. Playwright drives Debian's Chromium
// (/usr/bin/chromium, or INNONET_E2E_CHROMIUM): it never downloads a browser of its own.
import { defineConfig } from '@playwright/test';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1, asked of the kernel. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

// The config is read again by each worker process; the port is chosen once, by the first reader, and handed
// down through the environment (workers inherit it), so every process agrees on the server's address.
process.env.INNONET_E2E_PORT ??= String(await freePort());
const baseURL = `http://127.0.0.1:${process.env.INNONET_E2E_PORT}`;
process.env.INNONET_E2E_BASE_URL = baseURL;

const screenshots = process.env.INNONET_SCREENSHOTS === '1';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium phones home at start, and the closed network refuses it.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './e2e',
  outputDir: './e2e/results',
  globalSetup: './e2e/global-setup.ts',
  // Two shared cores: one worker, one server, tests in file order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  globalTimeout: 6 * 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: 'e2e/results/junit.xml' }]] : [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.INNONET_E2E_CHROMIUM || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  // The screenshots (docs/screenshots/) are their own run: `make screenshots` sets INNONET_SCREENSHOTS=1.
  projects: screenshots
    ? [{ name: 'screenshots', testMatch: /screenshots\.spec\.ts$/, use: { viewport: { width: 1280, height: 800 } } }]
    : [{ name: 'e2e', testIgnore: /screenshots\.spec\.ts$/, use: { viewport: { width: 1280, height: 800 } } }],
});
