// Every conformance vector in tests/vectors/, through the Node build: the JSON twin must
// give the expected bytes, and the object API must be the same JSON once stringified.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as fr from '../index.mjs';

const dir = new URL('../../tests/vectors/', import.meta.url).pathname;
const names = readdirSync(dir).filter((f) => f.endsWith('.expected.json')).map((f) => f.slice(0, -'.expected.json'.length)).sort();

test('the vectors are there', () => assert.ok(names.length >= 50, `only ${names.length} vectors`));

for (const name of names) {
  test(`vector ${name}`, () => {
    const text = readFileSync(join(dir, `${name}.md`), 'utf8');
    const spec = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
    const expected = readFileSync(join(dir, `${name}.expected.json`), 'utf8');
    const options = JSON.stringify(spec.options);
    let evidenceText = null;
    try { evidenceText = readFileSync(join(dir, `${name}.evidence.json`), 'utf8'); } catch { /* not an evidence vector */ }

    const json = evidenceText == null
      ? fr.evaluateJson(text, options)
      : fr.evaluateWithEvidenceJson(text, options, evidenceText);
    assert.equal(`${json}\n`, expected, 'JSON twin bytes');

    const report = evidenceText == null
      ? fr.evaluate(text, spec.options)
      : fr.evaluateWithEvidence(text, fr.readEvidence(`${name}.evidence.json`, evidenceText), spec.options);
    assert.equal(`${JSON.stringify(report)}\n`, expected, 'object API, stringified');

    // What the vector means, independent of the bytes.
    const e = spec.expect;
    for (const bucket of ['ready', 'accepted_gap', 'blocked']) {
      if (e[bucket]) assert.deepEqual(report.decision[bucket], e[bucket], bucket);
    }
    if (e.codes) assert.deepEqual(report.findings.map((f) => f.code).sort(), e.codes, 'codes');
    if (e.errors != null) assert.equal(report.summary.errors, e.errors, 'errors');
    for (const [flow, states] of Object.entries(e.subpaths ?? {})) {
      for (const [sp, state] of Object.entries(states)) {
        assert.equal(report.evidence.flows[flow].subpaths[sp].state, state, `${flow} ${sp}`);
      }
    }
  });
}
