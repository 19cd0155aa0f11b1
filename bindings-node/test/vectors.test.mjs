// Conformance: every case in tests/vectors/ gives the expected JSON byte for byte through
// Node, both through the objects the API returns (JSON.stringify of `evaluate` /
// `evaluateWithEvidence`) and through the native layer's JSON. `expect` is checked too,
// so a failure there points at behaviour rather than serialisation.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const flowready = require('flowready')
const native = require('flowready/native')
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'vectors')
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => f.slice(0, -3))
  .sort()

test('the vectors are there', () => {
  assert.ok(names.length >= 50, `${names.length} vectors`)
  assert.ok(names.some((n) => existsSync(join(dir, `${n}.evidence.json`))))
})

for (const name of names) {
  test(`vector ${name}`, () => {
    // Bytes, not text with newline translation: crlf_line_endings has CRLF on purpose.
    const md = readFileSync(join(dir, `${name}.md`))
    const text = md.toString('utf8')
    const spec = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'))
    const expected = readFileSync(join(dir, `${name}.expected.json`), 'utf8')
    const evidencePath = join(dir, `${name}.evidence.json`)
    const hasEvidence = existsSync(evidencePath)
    let report, raw
    if (hasEvidence) {
      const evidence = readFileSync(evidencePath)
      report = flowready.evaluateWithEvidence(text, spec.options, evidencePath)
      raw = native.evaluateWithEvidenceJson(md, JSON.stringify(spec.options), [{ name: 'evidence', content: evidence }])
      // Evidence read first, then passed as an object: the same report.
      assert.deepEqual(flowready.evaluateWithEvidence(text, spec.options, flowready.readEvidence(evidence)), report)
    } else {
      report = flowready.evaluate(text, spec.options)
      raw = native.evaluateJson(md, JSON.stringify(spec.options))
    }
    assert.equal(JSON.stringify(report) + '\n', expected)
    assert.equal(raw + '\n', expected)
    // The same through a parsed matrix.
    if (!hasEvidence) assert.equal(JSON.stringify(flowready.evaluate(flowready.parse(text), spec.options)) + '\n', expected)

    const want = spec.expect
    assert.deepEqual(report.decision.ready, want.ready)
    assert.deepEqual(report.decision.accepted_gap, want.accepted_gap)
    assert.deepEqual(report.decision.blocked, want.blocked)
    assert.deepEqual(report.findings.map((f) => f.code).sort(), [...want.codes].sort())
    assert.equal(report.findings.filter((f) => f.severity === 'error').length, want.errors)
    for (const pin of want.findings || []) {
      assert.ok(report.findings.some((f) => Object.entries(pin).every(([k, v]) => f[k] === v)), `no finding matches ${JSON.stringify(pin)}`)
    }
    for (const [flow, subs] of Object.entries(want.subpaths || {})) {
      for (const [sub, state] of Object.entries(subs)) assert.equal(report.evidence.flows[flow].subpaths[sub].state, state, `${flow} ${sub}`)
    }
    for (const [flow, fields] of Object.entries(want.flows || {})) {
      const f = report.flows.find((x) => x.id === flow)
      assert.ok(f, flow)
      for (const [k, v] of Object.entries(fields)) {
        if (k === 'reason_codes') assert.deepEqual(f.reasons.map((r) => r.code).filter((c) => c !== null), v)
        else assert.deepEqual(f[k], v, `${flow}.${k}`)
      }
    }
  })
}
