// FLOW-JOT-SEARCH-001 (P0) and FLOW-JOT-SHARE-001 (P1, outside the gate's P0 scope).
import { test, expect } from '@playwright/test'
import { flow } from 'flowready'

test('filters notes by text', flow('FLOW-JOT-SEARCH-001', 'happy', { uat: 'UAT-JOT-SEARCH-001' }), async ({ page }) => {
  await page.goto('/index.html?seed=Buy milk,Call Ana,Plan trip')
  await page.fill('#search', 'milk')
  await expect(page.locator('#notes li')).toHaveText(['Buy milk'])
})

test('no match shows a hint', flow('FLOW-JOT-SEARCH-001', 'empty'), async ({ page }) => {
  await page.goto('/index.html?seed=Buy milk')
  await page.fill('#search', 'zebra')
  await expect(page.locator('#no-match')).toContainText('No notes match')
})

test('sharing a board gives a link @FLOW-JOT-SHARE-001 @happy @UAT-JOT-SHARE-001', async ({ page }) => {
  await page.goto('/index.html?seed=a,b')
  await page.click('#share')
  await expect(page.locator('#share-link')).toContainText('seed=a,b')
})

test('the page has a title', async ({ page }) => {
  // Names no flow: counted as unlabelled.
  await page.goto('/index.html')
  await expect(page).toHaveTitle('Jot')
})
