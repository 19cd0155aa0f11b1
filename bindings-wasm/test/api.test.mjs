// The package API beyond the vectors: errors and their codes, parse's model keys,
// evidence reading, explain, the decision section, diff, UTF-16 columns, both builds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as fr from '../index.mjs';

const require = createRequire(import.meta.url);
const example = readFileSync(new URL('../../examples/matrix.md', import.meta.url), 'utf8');
const reports = new URL('../../examples/evidence/reports/', import.meta.url);
const TODAY = { today: '2026-11-28' };

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, 'an Error');
    assert.equal(e.name, 'FlowreadyError');
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test('the CommonJS and ESM builds are the same module', () => {
  const cjs = require('../pkg/node/flowready_wasm.js');
  assert.equal(cjs.evaluate, fr.evaluate);
  for (const name of ['parse', 'evaluate', 'evaluateWithEvidence', 'readEvidence', 'decisionSection', 'explain', 'diff']) {
    assert.equal(typeof fr[name], 'function', name);
  }
});

test('evaluate: the report with snake_case keys, equal to the CLI-shaped JSON', () => {
  const report = fr.evaluate(example, TODAY);
  assert.deepEqual(Object.keys(report), ['version', 'options', 'decision', 'flows', 'findings', 'summary', 'gate']);
  assert.deepEqual(report.decision.accepted_gap, ['FLOW-NOTES-SHARE-001']);
  assert.equal(report.summary.accepted_gap, 1);
  assert.equal(report.options.min_level_source, 'document');
  assert.equal(report.flows[0].reasons[0].fix, null, 'None is null, not undefined');
  assert.equal(JSON.stringify(report), fr.evaluateJson(example, JSON.stringify(TODAY)));
  // Options as JSON text and as absent work too.
  assert.deepEqual(fr.evaluate(example, JSON.stringify(TODAY)), report);
  assert.equal(fr.evaluate(example).options.today, null);
  assert.equal(fr.evaluate(example, null).options.today, null);
});

test('scope and min_level options reach the gate', () => {
  const p0 = fr.evaluate(example, { ...TODAY, scope: 'P0' });
  assert.equal(p0.gate.scope, 'P0');
  assert.equal(p0.gate.passed, true);
  const all = fr.evaluate(example, { ...TODAY, min_level: 'L5' });
  assert.equal(all.options.min_level, 'L5');
  assert.ok(all.decision.blocked.includes('FLOW-NOTES-EDIT-001'));
});

test('bad options throw code `options` with the core message', () => {
  throwsCode(() => fr.evaluate(example, { todya: '2026-11-28' }), 'options');
  throwsCode(() => fr.evaluate(example, { today: '2026-13-01' }), 'options');
  throwsCode(() => fr.evaluate(example, { min_level: 'L9' }), 'options');
  throwsCode(() => fr.evaluateJson(example, '{'), 'options');
  assert.throws(() => fr.evaluate(example, { minLevel: 'L3' }), /invalid options: unknown option `minLevel`; did you mean `min_level`\?/);
});

test('parse: the model JSON keys, with findings instead of errors', () => {
  const model = fr.parse(example);
  assert.deepEqual(Object.keys(model), ['title', 'metadata', 'stated_min_level', 'level_definitions', 'status_definitions',
    'tables', 'flows', 'gaps', 'exceptions', 'declared_decision', 'findings']);
  const share = model.flows.find((f) => f.id === 'FLOW-NOTES-SHARE-001');
  assert.deepEqual(share.owners, ['sharing/web']);
  assert.deepEqual(share.gap_tasks.map((t) => [t.id, t.closed]), [['SHARE-GAP-POLICY-BANNER-001', false]]);
  assert.equal(model.declared_decision.entries.length, 5);
  const empty = fr.parse('# nothing here\n');
  assert.equal(empty.flows.length, 0);
  assert.equal(fr.evaluate('# nothing here\n').findings[0].code, 'FR002');
});

test('readEvidence: every format, text or bytes, and errors with codes', () => {
  const pw = readFileSync(new URL('playwright.json', reports), 'utf8');
  const junit = readFileSync(new URL('pytest-xunit2.xml', reports));
  const a = fr.readEvidence('playwright.json', pw);
  assert.equal(a.format, 'flowready-evidence');
  assert.ok(a.tests.length > 0);
  assert.equal(a.tests[0].source, 'playwright.json');
  const b = fr.readEvidence('pytest.xml', new Uint8Array(junit), 'junit');
  assert.ok(b.tests.length > 0);
  const matrix = readFileSync(new URL('../../examples/evidence/matrix.md', import.meta.url), 'utf8');
  const both = fr.evaluateWithEvidence(matrix, [a, b], TODAY);
  const one = fr.evaluateWithEvidence(matrix, a, TODAY);
  assert.equal(both.evidence.tests, a.tests.length + b.tests.length);
  assert.equal(one.evidence.tests, a.tests.length);
  const viaJson = fr.evaluateWithEvidenceJson(matrix, JSON.stringify(TODAY),
    JSON.stringify([{ name: 'playwright.json', content: pw }, { name: 'pytest.xml', content: junit.toString('utf8') }]));
  assert.equal(JSON.stringify(both), viaJson);

  throwsCode(() => fr.readEvidence('r.xml', '<testsuites/>', 'yaml'), 'unknown_format');
  throwsCode(() => fr.readEvidence('r.xml', '<testsuites><testcase', 'junit'), 'evidence');
  try { fr.readEvidence('broken.json', '{"suites": [', 'playwright'); } catch (e) {
    assert.equal(e.file, 'broken.json');
    assert.equal(typeof e.line, 'number');
  }
  throwsCode(() => fr.readEvidence('n', 42), 'evidence');
  throwsCode(() => fr.evaluateWithEvidence(matrix, { format: 'nope' }, TODAY), 'evidence');
});

test('explain: the verdict, and unknown flows with a did-you-mean', () => {
  const x = fr.explain(example, 'FLOW-NOTES-EXPORT-001', TODAY);
  assert.equal(x.flow.decision, 'blocked');
  assert.equal(x.declared, 'blocked');
  assert.ok(x.to_make_ready.length > 0);
  assert.throws(() => fr.explain(example, 'FLOW-NOTES-EXPORT-01', TODAY), (e) => {
    assert.equal(e.code, 'unknown_flow');
    assert.equal(e.flow, 'FLOW-NOTES-EXPORT-01');
    assert.equal(e.suggestion, 'FLOW-NOTES-EXPORT-001');
    assert.match(e.message, /did you mean `FLOW-NOTES-EXPORT-001`\?/);
    return true;
  });
});

test('decisionSection and diff', () => {
  const section = fr.decisionSection(example, TODAY);
  assert.match(section, /^## Broad UAT Decision/m);
  assert.match(section, /`FLOW-NOTES-EXPORT-001`/);
  const newer = example.replace('| L2 | needs_fixture |', '| L3 | needs_fixture |');
  const d = fr.diff(example, newer, TODAY);
  assert.deepEqual(d.changed.map((c) => c.id), ['FLOW-NOTES-EXPORT-001']);
  assert.deepEqual(d.changed[0].changed, ['level']);
});

test('utf16Column counts what JavaScript counts', () => {
  const text = 'ab\n\u{1F600}é|x';
  const offset = Buffer.byteLength(text.slice(0, text.indexOf('x')));
  assert.equal(fr.utf16Column(text, offset), text.length - text.lastIndexOf('\n') - 1);
});

test('matrix text reaches the core as its UTF-8, ASCII or not, large or small', () => {
  const row = (i) => `| FLOW-T-${i} | L3 | ready_for_broad_uat |\n`;
  const rows = Array.from({ length: 3000 }, (_, i) => row(i)).join('');
  for (const title of ['Plain title', 'Matrix é 😀 ünïcode', 'Lone \uD800 surrogate']) {
    const text = `# ${title}\n\n| Flow ID | Level | Status |\n|---|---|---|\n${rows}`;
    const model = fr.parse(text);
    // A lone surrogate becomes U+FFFD, as UTF-8 has no encoding for it.
    assert.equal(model.title, title.replace('\uD800', '\uFFFD'));
    assert.equal(model.flows.length, 3000);
    assert.equal(model.flows[2999].id, 'FLOW-T-2999');
    const report = fr.evaluate(text, { today: '2026-12-01' });
    assert.equal(JSON.stringify(report), fr.evaluateJson(text, '{"today":"2026-12-01"}'));
    assert.equal(report.flows.length, 3000);
  }
});

test('matrix text that is not a string is refused', () => {
  for (const bad of [42, null, undefined, {}, new Uint8Array(3)]) {
    assert.throws(() => fr.evaluate(bad), (e) => e.name === 'FlowreadyError' && e.code === 'input');
    assert.throws(() => fr.parse(bad), (e) => e.name === 'FlowreadyError' && e.code === 'input');
  }
});
