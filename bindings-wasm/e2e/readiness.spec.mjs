// The demo page and the <flow-readiness> element in real Chromium.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, cli, counts, decisionsOf, nextRender, rendered, rows, visibleRows, HERE, REPO, SEED, VECTORS } from './fixtures.mjs';

const EXAMPLE = join(REPO, 'examples', 'matrix.md');
const DAY = '2026-11-28';

test('the bundled example renders every flow with the CLI\'s decisions and counts', async ({ page }) => {
  await page.goto(`/?today=${DAY}`);
  await rendered(page);
  const report = cli(EXAMPLE, '--today', DAY);
  expect(await rows(page)).toEqual(decisionsOf(report));
  const c = await counts(page);
  expect(c).toEqual({ ready: report.summary.ready, accepted_gap: report.summary.accepted_gap, blocked: report.summary.blocked });
  await expect(page.locator('flow-readiness .verdict')).toHaveAttribute('data-passed', String(report.gate.passed));
  await expect(page.locator('flow-readiness .title')).toHaveText('Notebook Product Flow Coverage Matrix');
  await expect(page.locator('flow-readiness .drift')).toHaveCount(0);
});

test('every conformance vector renders the expected decisions', async ({ page }) => {
  const names = readdirSync(VECTORS).filter((f) => f.endsWith('.expected.json') && !existsSync(join(VECTORS, f.replace('.expected.json', '.evidence.json'))));
  expect(names.length).toBeGreaterThan(40);
  for (const file of names) {
    const name = file.slice(0, -'.expected.json'.length);
    const expected = JSON.parse(readFileSync(join(VECTORS, file), 'utf8'));
    const { options } = JSON.parse(readFileSync(join(VECTORS, `${name}.json`), 'utf8'));
    const q = new URLSearchParams({ src: `/vectors/${name}.md`, today: options.today });
    if (options.min_level) q.set('min-level', options.min_level);
    if (options.strict) q.set('strict', '');
    await page.goto(`/?${q}`);
    await rendered(page);
    expect(await rows(page), name).toEqual(decisionsOf(expected));
    if (expected.flows.length) {
      expect(await counts(page), name).toEqual({ ready: expected.summary.ready, accepted_gap: expected.summary.accepted_gap, blocked: expected.summary.blocked });
    }
    const drift = expected.findings.filter((f) => ['FR501', 'FR502', 'FR503', 'FR504'].includes(f.code)).length;
    await expect(page.locator('flow-readiness .drift li'), name).toHaveCount(drift);
    // Rows whose declared bucket differs (FR501) or is missing (FR502) say so.
    const badged = new Set(expected.findings.filter((f) => ['FR501', 'FR502'].includes(f.code)).map((f) => f.flow));
    const withRow = expected.flows.filter((f) => badged.has(f.id)).length;
    await expect(page.locator('flow-readiness tr.flow .declared'), name).toHaveCount(withRow);
  }
});

test('the team\'s matrix: decisions and counts match the CLI; first render is recorded', async ({ page }) => {
  test.skip(!existsSync(SEED), 'the team\'s matrix is not beside the repository');
  const report = cli(SEED, '--today', '2026-12-01');
  await page.goto('/?src=/seed/Product_Quality_Flow_Coverage_Matrix_v1.md&today=2026-12-01');
  await rendered(page);
  expect(await rows(page)).toEqual(decisionsOf(report));
  expect(await counts(page)).toEqual({ ready: report.summary.ready, accepted_gap: report.summary.accepted_gap, blocked: report.summary.blocked });
  const ms = await page.evaluate(() => performance.getEntriesByName('flowready-rows-shown')[0]?.startTime);
  expect(ms).toBeGreaterThan(0);
  mkdirSync(join(HERE, 'test-results'), { recursive: true });
  writeFileSync(join(HERE, 'test-results', 'first-render.json'), `${JSON.stringify({ matrix: 'team', flows: report.flows.length, ms })}\n`);
  console.log(`first render of the team's matrix: ${ms.toFixed(0)} ms from navigation to rows shown (${report.flows.length} flows)`);
});

test('filters narrow the rows and live in the URL hash', async ({ page }) => {
  await page.goto(`/?today=${DAY}`);
  await rendered(page);
  const decision = page.locator('flow-readiness select[data-filter="decision"]');
  await decision.selectOption('blocked');
  expect(await visibleRows(page)).toEqual(['FLOW-NOTES-EXPORT-001']);
  expect(new URL(page.url()).hash).toBe('#fr.decision=blocked');
  await page.locator('flow-readiness button.reset').click();
  expect(await visibleRows(page)).toHaveLength(5);
  expect(new URL(page.url()).hash).toBe('');

  await page.locator('flow-readiness select[data-filter="owner"]').selectOption('sharing/web');
  expect(await visibleRows(page)).toEqual(['FLOW-NOTES-SHARE-001']);
  await page.locator('flow-readiness button.reset').click();
  await page.locator('flow-readiness input[data-filter="q"]').fill('passkey');
  expect(await visibleRows(page)).toEqual(['FLOW-NOTES-SIGNIN-001']);
  await page.locator('flow-readiness input[data-filter="q"]').fill('no such flow');
  await expect(page.locator('flow-readiness .empty-row')).toBeVisible();

  // A linked, filtered view: the hash sets the filters on load...
  await page.goto(`/?today=${DAY}#fr.priority=P1&fr.q=export`);
  await rendered(page);
  expect(await visibleRows(page)).toEqual(['FLOW-NOTES-EXPORT-001']);
  await expect(page.locator('flow-readiness select[data-filter="priority"]')).toHaveValue('P1');
  await expect(page.locator('flow-readiness input[data-filter="q"]')).toHaveValue('export');
  await expect(page.locator('flow-readiness .count')).toHaveText('1 of 5 flows');
  // ...and follows it when it changes.
  await page.evaluate(() => { location.hash = 'fr.priority=P0'; });
  await expect.poll(() => visibleRows(page)).toEqual(['FLOW-NOTES-SIGNIN-001', 'FLOW-NOTES-EDIT-001', 'FLOW-NOTES-SHARE-001']);
});

test('rows expand from the keyboard, with reasons and source lines', async ({ page }) => {
  await page.goto(`/?today=${DAY}`);
  await rendered(page);
  const button = page.locator('flow-readiness tr[data-flow-id="FLOW-NOTES-EXPORT-001"] button.expand');
  const detail = page.locator('flow-readiness tr.detail[data-flow-id="FLOW-NOTES-EXPORT-001"]');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(detail).toBeHidden();
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('needs_fixture');
  await expect(detail).toContainText(/line \d+:\d+/);
  expect(new URL(page.url()).hash).toBe('#fr.open=FLOW-NOTES-EXPORT-001');
  await page.keyboard.press('Space');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(detail).toBeHidden();
  // Tab goes from one row's button to the next row's.
  await page.locator('flow-readiness tr.flow button.expand').first().focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.querySelector('flow-readiness').shadowRoot.activeElement?.closest('tr')?.dataset.flowId);
  expect(focused).toBe('FLOW-NOTES-EDIT-001');
});

test('the evidence grid shows each subpath\'s state and test names', async ({ page }) => {
  const names = readdirSync(VECTORS).filter((f) => f.endsWith('.evidence.json')).map((f) => f.slice(0, -'.evidence.json'.length));
  const seen = new Set();
  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(VECTORS, `${name}.expected.json`), 'utf8'));
    const { options } = JSON.parse(readFileSync(join(VECTORS, `${name}.json`), 'utf8'));
    await page.goto(`/?src=/vectors/${name}.md&evidence=/vectors/${name}.evidence.json&today=${options.today}`);
    await rendered(page);
    expect(await rows(page), name).toEqual(decisionsOf(expected));
    for (const [flow, cov] of Object.entries(expected.evidence.flows)) {
      for (const [sp, c] of Object.entries(cov.subpaths)) {
        const cell = page.locator(`flow-readiness table.grid tr[data-flow-id="${flow}"] td[data-subpath="${sp}"]`);
        await expect(cell, `${name} ${flow} ${sp}`).toHaveAttribute('data-state', c.state);
        seen.add(c.state);
      }
      if (!expected.flows.some((f) => f.id === flow)) continue;
      await page.locator(`flow-readiness tr[data-flow-id="${flow}"] button.expand`).click();
      const detail = page.locator(`flow-readiness tr.detail[data-flow-id="${flow}"]`);
      for (const c of Object.values(cov.subpaths)) {
        for (const t of c.tests) await expect(detail).toContainText(t.name);
      }
    }
  }
  expect([...seen].sort()).toEqual(['failed', 'flaky', 'missing', 'passed', 'skipped', 'waived']);
});

test('an invalid matrix shows its findings, a missing one a clear error', async ({ page, problems }) => {
  await page.goto(`/?src=/vectors/fr002_no_flow_table.md&today=${DAY}`);
  await rendered(page);
  const panel = page.locator('flow-readiness .panel.error');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('FR002');
  await expect(panel).toContainText('no table with Flow ID, Level and Status columns');
  await expect(page.locator('flow-readiness tr.flow')).toHaveCount(0);

  await page.goto('/?src=/no-such-matrix.md');
  await rendered(page);
  await expect(page.locator('flow-readiness [role="alert"]')).toContainText('could not fetch the matrix `/no-such-matrix.md`: HTTP 404');
  // The browser itself logs the 404; that one message is expected.
  expect(problems.filter((p) => !/404/.test(p))).toEqual([]);
  problems.length = 0;

  await page.goto(`/?today=not-a-date`);
  await rendered(page);
  await expect(page.locator('flow-readiness [role="alert"]')).toContainText('invalid options');
  await expect(page.locator('flow-readiness [role="alert"]')).toHaveAttribute('data-code', 'options');
});

const EVIL = `# Evil <img src=x onerror="window.__pwned='title'"> matrix <script>window.__pwned='title2'</script>

| Flow ID | Level | Status | Owner | Gap Task | Happy Path |
|---|---|---|---|---|---|
| FLOW-EVIL-MARKUP-001 | L3 | ready_for_broad_uat | <img src=x onerror="window.__pwned=1"> | none | <script>window.__pwned=2</script> |
| FLOW-EVIL-STATUS-001 | L3 | <b onmouseover="window.__pwned=3">ready</b> | team/<svg onload="window.__pwned=4"> | <iframe src="javascript:alert(5)"> | x |
`;

async function expectInert(page, requests) {
  await rendered(page);
  await expect(page.locator('flow-readiness tr.flow')).toHaveCount(2);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  const injected = await page.evaluate(() => document.querySelector('flow-readiness').shadowRoot.querySelectorAll('img, script, svg, b, iframe').length);
  expect(injected).toBe(0);
  await expect(page.locator('flow-readiness tr[data-flow-id="FLOW-EVIL-MARKUP-001"] .chip')).toHaveText('<img src=x onerror="window.__pwned=1">');
  await expect(page.locator('flow-readiness tr.flow[data-flow-id="FLOW-EVIL-STATUS-001"]')).toContainText('team/<svg onload="window.__pwned=4">');
  await page.locator('flow-readiness tr[data-flow-id="FLOW-EVIL-STATUS-001"] button.expand').click();
  await expect(page.locator('flow-readiness tr.detail[data-flow-id="FLOW-EVIL-STATUS-001"]')).toContainText('<b onmouseover="window.__pwned=3">ready</b>');
  await page.locator('flow-readiness tr.flow[data-flow-id="FLOW-EVIL-STATUS-001"]').hover();
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(requests.filter((u) => /\/x$|javascript:/.test(u))).toEqual([]);
}

test('a matrix full of markup runs nothing and shows the markup as text', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/evil.md', (route) => route.fulfill({ body: EVIL, contentType: 'text/markdown' }));
  await page.goto(`/?src=/evil.md&today=${DAY}`);
  await expectInert(page, requests);
  await expect(page.locator('flow-readiness .title')).toContainText('<img src=x');

  // The same text pasted into the demo's box.
  await page.goto(`/?today=${DAY}`);
  await rendered(page);
  await nextRender(page, () => page.locator('#paste').fill(EVIL));
  await expectInert(page, requests);
});

test('the paste and file areas check a matrix locally', async ({ page }) => {
  const requests = [];
  await page.goto(`/?today=${DAY}`);
  await rendered(page);
  page.on('request', (r) => requests.push(r.url()));
  const text = readFileSync(join(VECTORS, 'fr501_decision_drift.md'), 'utf8');
  await nextRender(page, () => page.locator('#files').setInputFiles([
    { name: 'matrix.md', mimeType: 'text/markdown', buffer: Buffer.from(text) },
    { name: 'evidence.json', mimeType: 'application/json', buffer: readFileSync(join(VECTORS, 'evidence_all_covered.evidence.json')) },
  ]));
  await expect(page.locator('flow-readiness .drift')).toBeVisible();
  await expect(page.locator('flow-readiness .drift')).toContainText('FR501');
  await expect(page.locator('flow-readiness .panel.evidence')).toBeVisible();
  await expect(page.locator('#drop-status')).toContainText('matrix.md');
  // Nothing uploaded; the one fetch is the complete module, loaded on demand for evidence.
  expect(requests.map((u) => new URL(u).pathname).sort(), 'nothing uploaded, only the complete module fetched')
    .toEqual(['/pkg/flowready_wasm.js', '/pkg/flowready_wasm_bg.wasm']);
  await nextRender(page, () => page.locator('#clear').click());
  expect(await rows(page)).toHaveLength(5);
});

test('on any page: from a src URL, from inline text; attributes re-render; only given URLs fetched', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.route('**/plain.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html><head><link rel="icon" href="data:,"><script type="module" src="/flow-readiness.js"></script></head>
<body>
  <flow-readiness id="a" src="/examples/matrix.md" today="${DAY}" scope="P0"></flow-readiness>
  <flow-readiness id="b" today="${DAY}" no-hash>
    <script type="text/markdown">
      | Flow ID | Level | Status | Owner | Gap Task |
      |---|---|---|---|---|
      | FLOW-INLINE-ONE-001 | L3 | ready_for_broad_uat | docs/web | none |
    </script>
  </flow-readiness>
</body></html>` }));
  await page.goto('/plain.html');
  await rendered(page, '#a');
  await rendered(page, '#b');
  await expect(page.locator('#a .verdict')).toHaveAttribute('data-scope', 'P0');
  await expect(page.locator('#a .verdict')).toHaveAttribute('data-passed', 'true');
  expect(await rows(page, '#b')).toEqual([['FLOW-INLINE-ONE-001', 'ready']]);

  await nextRender(page, () => page.evaluate(() => document.querySelector('#a').setAttribute('scope', 'P1')), '#a');
  await expect(page.locator('#a .verdict')).toHaveAttribute('data-scope', 'P1');
  await expect(page.locator('#a .verdict')).toHaveAttribute('data-passed', 'false');
  await nextRender(page, () => page.evaluate(() => document.querySelector('#a').setAttribute('min-level', 'L5')), '#a');
  expect((await rows(page, '#a')).filter(([, d]) => d === 'blocked').map(([id]) => id)).toContain('FLOW-NOTES-EDIT-001');
  await expect(page.locator('#a tr[data-flow-id="FLOW-NOTES-EDIT-001"] .ladder')).toHaveAttribute('data-below', 'true');

  expect([...new Set(requests)].sort()).toEqual(['/examples/matrix.md', '/flow-readiness.js', '/pkg/flowready_wasm_lean.js', '/pkg/flowready_wasm_lean_bg.wasm', '/plain.html']);
});

test('screenshots: light and dark, desktop and narrow', async ({ page }) => {
  const dir = join(HERE, 'screenshots');
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [size, viewport] of [['desktop', { width: 1280, height: 900 }], ['narrow', { width: 390, height: 844 }]]) {
      await page.setViewportSize(viewport);
      await page.goto(`/?src=examples/evidence-matrix.md&evidence=${encodeURIComponent('examples/playwright.json examples/pytest-xunit2.xml')}&today=${DAY}`);
      await rendered(page);
      const blocked = page.locator('flow-readiness tr.flow[data-decision="blocked"] button.expand').first();
      if (await blocked.count()) await blocked.click();
      await page.screenshot({ path: join(dir, `${scheme}-${size}.png`), fullPage: true });
      await page.goto(`/?today=${DAY}`);
      await rendered(page);
      await page.screenshot({ path: join(dir, `${scheme}-${size}-example.png`), fullPage: false });
    }
  }
});
