// Every test passes, but FLOW-JOT-ADD-001's negative path has no test: the reporter alone
// fails the run.
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
    await page.goto('/index.html?readonly=1')
    await expect(page.locator('#title')).toBeDisabled()
  })

  test('a failed save keeps the draft and retry saves it @recovery', async ({ page }) => {
    await page.goto('/index.html?failsave=1')
    await page.fill('#title', 'Draft')
    await page.click('button[type=submit]')
    await page.click('#retry')
    await expect(page.locator('#notes li')).toHaveText(['Draft'])
  })
})

test('filters notes by text', flow('FLOW-JOT-SEARCH-001', ['happy'], { uat: 'UAT-JOT-SEARCH-001' }), async ({ page }) => {
  await page.goto('/index.html?seed=Buy milk,Call Ana')
  await page.fill('#search', 'milk')
  await expect(page.locator('#notes li')).toHaveText(['Buy milk'])
})

test('no match shows a hint', flow('FLOW-JOT-SEARCH-001', 'empty'), async ({ page }) => {
  await page.goto('/index.html?seed=Buy milk')
  await page.fill('#search', 'zebra')
  await expect(page.locator('#no-match')).toContainText('No notes match')
})
