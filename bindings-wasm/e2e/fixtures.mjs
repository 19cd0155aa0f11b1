// Shared test helpers: every test fails on a console error, a page error or a dialog
// (a dialog would mean matrix text ran as script), unless it expects one by name.
import { test as base, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export { expect };
export const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = resolve(HERE, '..');
export const VECTORS = join(REPO, 'tests', 'vectors');
export const SEED = resolve(REPO, '..', 'shared', 'seed', 'Product_Quality_Flow_Coverage_Matrix_v1.md');

export const test = base.extend({
  problems: [async ({ page }, use) => {
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
    await use(problems);
    expect(problems, 'no console errors, page errors or dialogs').toEqual([]);
  }, { auto: true }],
});

/** The CLI's JSON report for FILE (the gate command; exit 1 only means a blocked gate). */
export function cli(file, ...args) {
  const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(REPO, 'target');
  const bin = join(target, 'debug', 'flowready');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`cargo build -p flowready-cli\``);
  const r = spawnSync(bin, ['gate', file, '--format', 'json', ...args], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`flowready gate exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Waits until the element has rendered (a report or an error panel). */
export async function rendered(page, selector = 'flow-readiness') {
  await page.locator(selector).first().waitFor();
  await page.waitForFunction((s) => {
    const el = document.querySelector(s);
    return el && el.shadowRoot && el.shadowRoot.querySelector('.root');
  }, selector);
}

/** Runs `action` and waits for the element's next `flowready-render` (or error) event. */
export async function nextRender(page, action, selector = 'flow-readiness') {
  const done = page.evaluate((s) => new Promise((resolve) => {
    const el = document.querySelector(s);
    const on = (e) => { el.removeEventListener('flowready-render', on); el.removeEventListener('flowready-error', on); resolve(e.type); };
    el.addEventListener('flowready-render', on);
    el.addEventListener('flowready-error', on);
  }), selector);
  await action();
  return done;
}

/** [flow ID, data-decision] of every flow row, in order. */
export function rows(page, selector = 'flow-readiness') {
  return page.locator(`${selector} tr.flow`).evaluateAll((trs) => trs.map((tr) => [tr.dataset.flowId, tr.dataset.decision]));
}

/** The IDs of the visible flow rows. */
export function visibleRows(page) {
  return page.locator('flow-readiness tr.flow:not([hidden])').evaluateAll((trs) => trs.map((tr) => tr.dataset.flowId));
}

/** The summary cards' counts. */
export async function counts(page) {
  const c = await page.locator('flow-readiness .card[data-count]').evaluateAll((cards) =>
    Object.fromEntries(cards.map((x) => [x.dataset.kind, Number(x.dataset.count)])));
  return c;
}

export function decisionsOf(report) {
  return report.flows.map((f) => [f.id, f.decision]);
}
