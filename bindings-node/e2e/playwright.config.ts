// The reporter fixture: real Playwright runs of the Jot page in Debian's Chromium, with
// flowready's reporter gating each run. FLOWREADY_SUITE picks the suite (`pass` or
// `fail`); test/playwright.test.mjs runs them and checks exit codes, summaries and the
// evidence files.
import { defineConfig } from '@playwright/test'

const suite = process.env.FLOWREADY_SUITE || 'pass'
const port = Number(process.env.JOT_PORT || 8767)

export default defineConfig({
  testDir: `suites/${suite}`,
  outputDir: `out/${suite}/test-results`,
  retries: 1,
  workers: 1,
  reporter: [
    ['list'],
    ['flowready/reporter', {
      matrix: 'matrix.md',
      gate: true,
      scope: 'P0',
      output: `out/${suite}/flowready-evidence.json`,
    }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: {
    // The example app of the repository's evidence example, served as it is.
    command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ../../examples/evidence/app`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    stderr: 'ignore',
  },
})
