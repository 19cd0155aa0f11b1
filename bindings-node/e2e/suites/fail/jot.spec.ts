// Every test passes or flakes except one, yet the gate must fail: FLOW-JOT-ADD-001's
// recovery test fails, its negative path has no test, and its blocked path is skipped;
// FLOW-JOT-SEARCH-001's happy path passes only on retry (flaky: a warning, not a block).
import { test, expect } from '@playwright/test'
import { flow } from 'flowready'

test.describe('adding notes', { tag: ['@FLOW-JOT-ADD-001', '@UAT-JOT-ADD-001'] }, () => {
  test('adds a note @happy', async ({ page }) => {
    await page.goto('/index.html')
    await page.fill('#title', 'Buy milk')
    await page.click('button[type=submit]')
    await expect(page.locator('#notes li')).toHaveText(['Buy milk'])
  })

  test('an empty board offers the first-note prompt @empty', async ({ page }) => {
    await page.goto('/index.html')
    await expect(page.locator('#empty')).toBeVisible()
  })

  test('a read-only board blocks adding @blocked', async ({ page }) => {
    test.skip(true, 'read-only boards are not deployed in this lane')
    await page.goto('/index.html?readonly=1')
  })

  test('a failed save shows an undo toast @recovery', async ({ page }) => {
    // Fails on every attempt: the page has no undo toast.
    await page.goto('/index.html?failsave=1')
    await page.fill('#title', 'Draft')
    await page.click('button[type=submit]')
    await expect(page.locator('#undo')).toBeVisible({ timeout: 500 })
  })
})

test('filters notes by text', flow('FLOW-JOT-SEARCH-001', 'happy', { uat: 'UAT-JOT-SEARCH-001' }), async ({ page }, testInfo) => {
  await page.goto('/index.html?seed=Buy milk,Call Ana,Plan trip')
  await page.fill('#search', 'milk')
  // Flaky on purpose: the first attempt expects the wrong note, the retry passes.
  const expected = testInfo.retry === 0 ? 'Call Ana' : 'Buy milk'
  await expect(page.locator('#notes li')).toHaveText([expected], { timeout: 500 })
})

test('no match shows a hint', flow('FLOW-JOT-SEARCH-001', 'empty'), async ({ page }) => {
  await page.goto('/index.html?seed=Buy milk')
  await page.fill('#search', 'zebra')
  await expect(page.locator('#no-match')).toContainText('No notes match')
})
