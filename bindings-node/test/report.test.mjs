// The report `evaluate` returns converts part by part (lib/report.js). These tests hold it
// to the eager objects of the core's JSON: the same keys in the same order, the same
// values for every vector, `flow(id)` the same verdict as `flows`, and `JSON.stringify`
// byte-equal to the core's JSON.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { inspect } from 'node:util'

const require = createRequire(import.meta.url)
const flowready = require('flowready')
const here = dirname(fileURLToPath(import.meta.url))
const vectors = join(here, '..', '..', 'tests', 'vectors')
const names = readdirSync(vectors)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => f.slice(0, -3))
  .sort()

const TWO =
  '| Flow ID | Priority | Level | Status |\n|---|---|---|---|\n' +
  '| FLOW-A-001 | P0 | L3 | ready_for_broad_uat |\n| FLOW-B-001 | P1 | L1 | blocked |\n'

/** The report of vector `name` through the lazy API and the core's JSON text. */
function both(name) {
  const md = readFileSync(join(vectors, `${name}.md`))
  const { options } = JSON.parse(readFileSync(join(vectors, `${name}.json`), 'utf8'))
  const evidence = join(vectors, `${name}.evidence.json`)
  if (existsSync(evidence)) {
    const lazy = () => flowready.evaluateWithEvidence(md, options, evidence)
    return { lazy, json: lazy().json(), md }
  }
  return { lazy: () => flowready.evaluate(md, options), json: flowready.evaluateJson(md, options), md }
}

for (const name of names) {
  test(`lazy report of vector ${name}: every part, every flow, the JSON`, () => {
    const { lazy, json, md } = both(name)
    const eager = JSON.parse(json)
    // Keys and their order, before anything is converted.
    assert.deepEqual(Object.keys(lazy()), Object.keys(eager))
    // Each part alone, read first (so each conversion runs on its own).
    for (const key of Object.keys(eager)) assert.deepStrictEqual(lazy()[key], eager[key], key)
    // Every flow through flow(id) before `flows` is read, then `flows` keeps those objects.
    const report = lazy()
    const seen = new Map()
    for (const f of eager.flows) {
      if (seen.has(f.id)) continue
      const verdict = report.flow(f.id)
      assert.deepStrictEqual(verdict, f, f.id)
      assert.equal(report.flow(f.id), verdict, 'converted once')
      seen.set(f.id, verdict)
    }
    for (const [id, verdict] of seen) assert.equal(report.flows.find((f) => f.id === id), verdict, id)
    // The whole report: as objects, as JSON, and the core's bytes.
    assert.deepStrictEqual(lazy(), eager)
    assert.equal(JSON.stringify(lazy()), json)
    assert.equal(JSON.stringify(report), json)
    assert.equal(lazy().json(), json)
    assert.equal(JSON.stringify(lazy().toJSON()), json)
    // Text, bytes and a parsed matrix give the same report.
    const text = md.toString('utf8')
    const options = JSON.parse(readFileSync(join(vectors, `${name}.json`), 'utf8')).options
    if (!('evidence' in eager)) {
      assert.equal(flowready.evaluate(text, options).json(), json)
      assert.equal(flowready.evaluate(new Uint8Array(md), options).json(), json)
      assert.equal(flowready.evaluateJson(flowready.parse(md), options), json)
    }
  })
}

test('a part converts when first read, once, and becomes an ordinary property', () => {
  const report = flowready.evaluate(TWO)
  for (const key of ['version', 'options', 'decision', 'flows', 'findings', 'summary', 'gate']) {
    const d = Object.getOwnPropertyDescriptor(report, key)
    assert.equal(typeof d.get, 'function', key)
    assert.equal(d.enumerable, true)
  }
  assert.equal('evidence' in report, false)
  const flows = report.flows
  assert.equal(report.flows, flows, 'the same array on every read')
  const d = Object.getOwnPropertyDescriptor(report, 'flows')
  assert.deepEqual([d.value === flows, d.writable, d.enumerable, d.get], [true, true, true, undefined])
  // The methods are not data.
  assert.deepEqual(Object.keys(report), ['version', 'options', 'decision', 'flows', 'findings', 'summary', 'gate'])
  assert.equal(Object.getOwnPropertyDescriptor(report, 'flow').enumerable, false)
})

test('report.flow(id): the verdict, or UnknownFlowError with the nearest ID', () => {
  const report = flowready.evaluate(TWO)
  assert.equal(report.flow('FLOW-B-001').decision, 'blocked')
  assert.throws(
    () => report.flow('FLOW-A-01'),
    (e) => {
      assert.ok(e instanceof flowready.UnknownFlowError)
      assert.equal(e.code, 'ERR_FLOWREADY_UNKNOWN_FLOW')
      assert.equal(e.flow, 'FLOW-A-01')
      assert.equal(e.suggestion, 'FLOW-A-001')
      assert.match(e.message, /FLOW-A-01/)
      return true
    },
  )
  assert.throws(() => report.flow('FLOW-QQQQQQQ-999'), (e) => e instanceof flowready.UnknownFlowError && e.suggestion === null)
  assert.throws(() => report.flow(1), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  // After `flows` is read, flow(id) answers from it.
  const flows = report.flows
  assert.equal(report.flow('FLOW-A-001'), flows[0])
})

test('a repeated flow ID: flow(id) is the verdict the core lists first', () => {
  const text = `${TWO}| FLOW-A-001 | P2 | L1 | blocked |\n`
  const report = flowready.evaluate(text)
  const eager = JSON.parse(flowready.evaluateJson(text))
  assert.ok(eager.findings.length > 0)
  assert.deepStrictEqual(report.flow('FLOW-A-001'), eager.flows.find((f) => f.id === 'FLOW-A-001'))
})

test('the report behaves as plain data: assignment, spread, structuredClone, inspect', () => {
  const eager = JSON.parse(flowready.evaluateJson(TWO))
  const report = flowready.evaluate(TWO)
  assert.deepStrictEqual({ ...report }, eager)
  assert.deepStrictEqual(structuredClone(flowready.evaluate(TWO)), eager)
  assert.match(inspect(flowready.evaluate(TWO), { depth: 4 }), /FLOW-B-001/)
  assert.doesNotMatch(inspect(flowready.evaluate(TWO)), /Getter/)
  const changed = flowready.evaluate(TWO)
  changed.flows = []
  changed.extra = 1
  assert.deepEqual(changed.flows, [])
  assert.equal(JSON.parse(JSON.stringify(changed)).flows.length, 0)
  assert.equal(JSON.parse(JSON.stringify(changed)).extra, 1)
  // json() is the core's report as evaluated.
  assert.equal(JSON.parse(changed.json()).flows.length, 2)
})

test('decisionSection gives the same section for a fresh report, a read one and its JSON', () => {
  const options = { today: '2026-11-28' }
  const fresh = flowready.evaluate(TWO, options)
  const read = flowready.evaluate(TWO, options)
  void read.flows
  const plain = JSON.parse(flowready.evaluateJson(TWO, options))
  const want = flowready.decisionSection(TWO, plain)
  assert.match(want, /FLOW-A-001/)
  assert.equal(flowready.decisionSection(TWO, fresh), want)
  assert.equal(flowready.decisionSection(TWO, read), want)
  // A report whose parts were changed is used as changed.
  const edited = flowready.evaluate(TWO, options)
  edited.decision = { ready: [], accepted_gap: [], blocked: ['FLOW-A-001', 'FLOW-B-001'] }
  const edits = { ...plain, decision: edited.decision }
  assert.equal(flowready.decisionSection(TWO, edited), flowready.decisionSection(TWO, edits))
})

test('withUtf16Columns adds columns to a lazy report the caller then reads', () => {
  const text = '| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-É-001 | L9 | ready_for_broad_uat |\n'
  const report = flowready.withUtf16Columns(text, flowready.evaluate(text))
  assert.ok(report.findings.length > 0)
  assert.ok(report.findings.every((f) => typeof f.column_utf16 === 'number'))
})

test('bytes are accepted wherever a matrix is: evaluate, parse, explain, diff', () => {
  const bytes = Buffer.from(TWO)
  const view = new Uint8Array(bytes)
  assert.equal(flowready.evaluate(view).json(), flowready.evaluateJson(TWO))
  const m = flowready.parse(view)
  assert.deepEqual(m, flowready.parse(TWO))
  assert.equal(m.text, TWO, 'the text is decoded on first read')
  assert.equal(Object.getOwnPropertyDescriptor(m, 'text').enumerable, false)
  assert.deepEqual(flowready.explain(bytes, 'FLOW-B-001'), flowready.explain(TWO, 'FLOW-B-001'))
  assert.deepEqual(flowready.diff(bytes, TWO), flowready.diff(TWO, TWO))
  assert.throws(() => flowready.evaluate(42), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => flowready.parse({}), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
})

test('large texts, ASCII or not, reach the core as their UTF-8 bytes', () => {
  const native = require('flowready/native')
  const rows = (mark) =>
    Array.from({ length: 2000 }, (_, i) => `| FLOW-A-${String(i).padStart(4, '0')} | P1 | L2 | blocked${mark} |\n`).join('')
  // The last mark makes the UTF-8 twice the string's length: more than the reused
  // encoding buffer first allows for, so it is encoded again at its measured length.
  const marks = ['', ' é', ' 😀', ' \ud800', ` ${'漢'.repeat(40)}`]
  const wants = []
  for (const mark of marks) {
    const text = `| Flow ID | Priority | Level | Status |\n|---|---|---|---|\n${rows(mark)}`
    assert.ok(text.length >= 65536)
    const want = native.evaluateJson(Buffer.from(text, 'utf8'), undefined)
    wants.push([text, want])
    assert.equal(flowready.evaluate(text).json(), want, JSON.stringify(mark))
    assert.equal(flowready.evaluateJson(text), want)
    const evidence = { name: 'empty.json', content: '{"format": "flowready-evidence", "version": 1, "tests": []}', format: 'flowready' }
    assert.equal(
      flowready.evaluateWithEvidence(text, undefined, evidence).json(),
      flowready.evaluateWithEvidence(Buffer.from(text, 'utf8'), undefined, evidence).json()
    )
    assert.deepEqual(flowready.parse(text), JSON.parse(native.parseJson(Buffer.from(text, 'utf8'))))
  }
  // Shorter texts after longer ones, through the same buffer.
  for (const [text, want] of wants.reverse()) assert.equal(flowready.evaluateJson(text), want)
})
