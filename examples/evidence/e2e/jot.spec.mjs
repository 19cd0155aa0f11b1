// Browser tests of the Jot example. Each test is written to come out a known way
// (passed, flaky, failed, skipped, expected failure); docs/evidence.md lists them.
// Flows and subpaths are given every way flowready reads: title tags, the `tag`
// option, `describe`-level tags and annotations, and per-test annotations.
import { test, expect } from '@playwright/test';

test.describe('adding notes', {
  tag: '@FLOW-JOT-ADD-001',
  annotation: { type: 'uat', description: 'UAT-JOT-ADD-001' },
}, () => {
  test('adds a note @happy', async ({ page }) => {
    await page.goto('/index.html');
    await page.fill('#title', 'Buy milk');
    await page.click('button[type=submit]');
    await expect(page.locator('#notes li')).toHaveText(['Buy milk']);
  });

  test('an empty board offers the first-note prompt', { tag: '@empty' }, async ({ page }) => {
    await page.goto('/index.html');
    await expect(page.locator('#empty')).toBeVisible();
  });

  test('a read-only board blocks adding', {
    annotation: { type: 'subpath', description: 'blocked' },
  }, async ({ page }) => {
    await page.goto('/index.html?readonly=1');
    await expect(page.locator('#blocked')).toBeVisible();
    await expect(page.locator('#title')).toBeDisabled();
  });

  test('a failed save keeps the draft and retry saves it', {
    annotation: [{ type: 'subpath', description: 'recovery' }],
  }, async ({ page }) => {
    await page.goto('/index.html?failsave=1');
    await page.fill('#title', 'Draft');
    await page.click('button[type=submit]');
    await expect(page.locator('#save-error')).toBeVisible();
    await page.click('#retry');
    await expect(page.locator('#notes li')).toHaveText(['Draft']);
  });

  test('an oversized title is refused @negative', async ({ page }) => {
    // Known gap: the page does not enforce the 80-character limit yet.
    test.fail();
    await page.goto('/index.html');
    await page.fill('#title', 'x'.repeat(81));
    await page.click('button[type=submit]');
    await expect(page.locator('#error')).toBeVisible({ timeout: 1000 });
  });
});

test.describe('searching', {
  annotation: { type: 'flow', description: 'FLOW-JOT-SEARCH-001' },
}, () => {
  test('filters notes by text', {
    annotation: [{ type: 'subpath', description: 'happy' }, { type: 'uat', description: 'UAT-JOT-SEARCH-001' }],
  }, async ({ page }, testInfo) => {
    await page.goto('/index.html?seed=Buy milk,Call Ana,Plan trip');
    // Flaky on purpose: the first attempt looks for the wrong note, the retry passes.
    const query = testInfo.retry === 0 ? 'Ana' : 'milk';
    await page.fill('#search', 'milk');
    await expect(page.locator('#notes li')).toHaveText([query === 'milk' ? 'Buy milk' : 'Call Ana'], { timeout: 1000 });
  });

  test('no match shows a hint', {
    annotation: { type: 'subpath', description: 'empty' },
  }, async ({ page }) => {
    await page.goto('/index.html?seed=Buy milk');
    await page.fill('#search', 'zebra');
    await expect(page.locator('#no-match')).toContainText('No notes match');
  });
});

test('sharing a board gives a link @FLOW-JOT-SHARE-001 @happy @UAT-JOT-SHARE-001', async ({ page }) => {
  await page.goto('/index.html?seed=a,b');
  await page.click('#share');
  await expect(page.locator('#share-link')).toContainText('seed=a,b');
});

test('org policy blocks public links @FLOW-JOT-SHARE-001 @blocked', async ({ page }) => {
  // Skipped at run time: this lane has no org-policy fixture (an approved skip in the matrix).
  test.skip(!process.env.JOT_POLICY_FIXTURE, 'org-policy fixture is not deployed in this lane');
  await page.goto('/index.html');
});

test('the app is served to a real browser', {
  tag: ['@FLOW-JOT-ADD-001', '@FLOW-JOT-SEARCH-001', '@FLOW-JOT-EXPORT-001', '@FLOW-JOT-SHARE-001', '@environment'],
}, async ({ page }) => {
  const response = await page.goto('/index.html');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('Jot');
});

test('archived notes can be restored from the undo toast', {
  annotation: [{ type: 'flow', description: 'FLOW-JOT-ARCHIVE-001' }, { type: 'subpath', description: 'recovery' }],
}, async ({ page }) => {
  // Fails on purpose, on every attempt: the page has no archive or undo toast.
  await page.goto('/index.html?seed=a');
  await expect(page.locator('#undo')).toBeVisible({ timeout: 500 });
});

test('legacy board import @FLOW-JOT-LEGACY-001 @happy', async ({ page }) => {
  // Names a flow the matrix no longer has: flowready warns about it.
  await page.goto('/index.html');
  await expect(page.locator('h1')).toHaveText('Jot');
});
