// The lean module (www/pkg/flowready_wasm_lean.js: parse, evaluate, evaluateJson,
// utf16Column; what <flow-readiness> loads on every page), loaded in Node from its bytes,
// against the complete module (the Node build): every vector without evidence gives the
// expected bytes, and options reach the core's one options reader the same way from both
// modules (same acceptance, same code, same message and position).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as full from '../index.mjs';
import * as lean from '../www/pkg/flowready_wasm_lean.js';

lean.initSync({ module: readFileSync(new URL('../www/pkg/flowready_wasm_lean_bg.wasm', import.meta.url)) });

const dir = new URL('../../tests/vectors/', import.meta.url).pathname;
const names = readdirSync(dir).filter((f) => f.endsWith('.expected.json')).map((f) => f.slice(0, -'.expected.json'.length)).sort();
const example = readFileSync(new URL('../../examples/matrix.md', import.meta.url), 'utf8');

test('the lean module exports the page functions only', () => {
  for (const name of ['parse', 'evaluate', 'evaluateJson', 'utf16Column']) assert.equal(typeof lean[name], 'function', name);
  for (const name of ['evaluateWithEvidence', 'readEvidence', 'explain', 'diff', 'decisionSection']) assert.equal(lean[name], undefined, name);
});

test('every vector without evidence: the same bytes as expected, and the same model', () => {
  let checked = 0;
  for (const name of names) {
    let hasEvidence = true;
    try { readFileSync(join(dir, `${name}.evidence.json`)); } catch { hasEvidence = false; }
    if (hasEvidence) continue;
    const text = readFileSync(join(dir, `${name}.md`), 'utf8');
    const spec = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
    const expected = readFileSync(join(dir, `${name}.expected.json`), 'utf8');
    assert.equal(`${lean.evaluateJson(text, JSON.stringify(spec.options))}\n`, expected, `${name}: JSON twin`);
    assert.equal(`${JSON.stringify(lean.evaluate(text, spec.options))}\n`, expected, `${name}: object API`);
    assert.deepEqual(lean.parse(text), full.parse(text), `${name}: model`);
    checked += 1;
  }
  assert.ok(checked >= 40, `only ${checked} vectors without evidence`);
});

// Options as JSON text: the core reads the text itself.
const jsonCases = [
  '', '  ', '{}', '[]', '["2026-11-28"]', '["2026-11-28","L4",true,3,"P1",["FLOW-A-001"]]', '[null,null,false,14,null,[],1]',
  '{"today":null,"today":null}', '{"expiry_warning_days":14.0}', '{"min_level":{"L3":null}}', '{"flows":["\\ud800"]}',
  '5', '"x"', 'null', 'true', '{', '{"today":"2026-11-28"}', '{"today":null}', '{"today":5}', '{"today":"a\\"b"}',
  '{"today":"2026-13-01"}', '{"today":"3026-01-01"}', '{"today":"2026-02-29"}', '{"today":{}}', '{"today":[]}', '{"today":true}',
  '{"x":1,"today":5}', '{"todya":"2026-11-28"}', '{"minLevel":"L3"}',
  '{"min_level":"L5"}', '{"min_level":"l3"}', '{"min_level":"L9"}', '{"min_level":null}',
  '{"strict":true}', '{"strict":null}', '{"strict":"yes"}', '{"strict":1}',
  '{"expiry_warning_days":0}', '{"expiry_warning_days":30}', '{"expiry_warning_days":1.5}', '{"expiry_warning_days":-1}',
  '{"expiry_warning_days":5000000000}', '{"expiry_warning_days":4294967295}', '{"expiry_warning_days":"14"}', '{"expiry_warning_days":null}',
  '{"scope":"P0"}', '{"scope":"p1"}', '{"scope":" P2 "}', '{"scope":"X"}', '{"scope":0}', '{"scope":null}',
  '{"flows":["FLOW-NOTES-EDIT-001"]}', '{"flows":[]}', '{"flows":"x"}', '{"flows":[1]}', '{"flows":null}', '{"flows":{}}',
];

// Options as objects: both modules hand the core their `JSON.stringify` text.
const objectCases = [
  undefined, null, {}, { today: '2026-11-28', min_level: 'L4', strict: true, expiry_warning_days: 30, scope: 'P0' },
  { today: undefined }, { today: new Date(Date.UTC(2026, 10, 28)) }, { minLevel: 'L3' }, { flows: ['FLOW-NOTES-SHARE-001', 7] },
  { expiry_warning_days: 2.5 }, { expiry_warning_days: -3 }, { strict: 'no' }, [], ['2026-11-28', 'L2'], '', ' {} ',
];

function outcome(fn) {
  try {
    return { ok: JSON.stringify(fn()) };
  } catch (e) {
    return { name: e.name, code: e.code, message: e.message };
  }
}

test('options as JSON text: lean and complete modules agree (evaluateJson)', () => {
  for (const json of jsonCases) {
    assert.deepEqual(outcome(() => lean.evaluateJson(example, json)), outcome(() => full.evaluateJson(example, json)), json);
    assert.deepEqual(outcome(() => lean.evaluate(example, json)), outcome(() => full.evaluate(example, json)), `evaluate ${json}`);
  }
});

test('options as objects: lean and complete modules agree (evaluate)', () => {
  for (const value of objectCases) {
    assert.deepEqual(outcome(() => lean.evaluate(example, value)), outcome(() => full.evaluate(example, value)), JSON.stringify(value));
  }
});

test('options that are not JSON: code `options` from both modules', () => {
  for (const fn of [() => lean.evaluateJson(example, '{'), () => lean.evaluate(example, 'not json')]) {
    assert.throws(fn, (e) => e.name === 'FlowreadyError' && e.code === 'options' && /^invalid options: /.test(e.message));
  }
});

test('options errors name the key and its position in the JSON text given', () => {
  for (const mod of [lean, full]) {
    assert.throws(() => mod.evaluateJson(example, '{\n  "strict": true,\n  "todya": "2026-11-28"}'), (e) => e.code === 'options'
      && e.message === 'invalid options: unknown option `todya`; did you mean `today`? at line 3 column 3');
    assert.throws(() => mod.evaluate(example, { expiry_warning_days: 1.5 }), (e) => e.code === 'options'
      && /^invalid options: option `expiry_warning_days` must be a whole number of days from 0 to 4294967295, found number `1.5`/.test(e.message));
    // Values JSON.stringify refuses or drops: an options error, not a bare TypeError.
    for (const bad of [() => 1, Symbol('s'), 5n, { flows: [1n] }]) {
      assert.throws(() => mod.evaluate(example, bad), (e) => e.name === 'FlowreadyError' && e.code === 'options'
        && /^options must be JSON data \(no functions, symbols, BigInts or cycles\)$/.test(e.message), String(typeof bad));
    }
  }
});

test('utf16Column agrees with the complete module', () => {
  const text = 'a\u00e9\u{1F600}b';
  for (const offset of [0, 1, 3, 7, 8, 99]) assert.equal(lean.utf16Column(text, offset), full.utf16Column(text, offset), String(offset));
});
