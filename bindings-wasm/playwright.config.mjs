// Browser tests: @playwright/test driving Debian's Chromium (never a downloaded browser)
// against www/ served from localhost by scripts/serve.mjs, which also mounts the
// conformance vectors (/vectors/) and, where it exists, the team's matrix (/seed/).
import { defineConfig } from '@playwright/test';

// One port per run, inherited by the workers, so parallel runs do not collide.
process.env.FLOWREADY_TEST_PORT ??= String(20000 + Math.floor(Math.random() * 20000));
const port = Number(process.env.FLOWREADY_TEST_PORT);

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.mjs$/,
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${port} --mount /vectors=../tests/vectors --mount /seed=../../shared/seed`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
