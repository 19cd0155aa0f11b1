// The API: decisions, errors and the shape of results.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const flowready = require('flowready')
const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const JOT = join(root, 'examples', 'evidence', 'matrix.md')
const REPORTS = join(root, 'examples', 'evidence', 'reports')
const TODAY = { today: '2026-11-28' }

const TWO = '| Flow ID | Level | Status | Gap Task |\n|---|---|---|---|\n| FLOW-A-001 | L3 | ready_for_broad_uat | none |\n| FLOW-B-001 | L1 | blocked | `B-TASK-001` |\n'

test('evaluate returns the report with the JSON keys, for text and for a parsed matrix', () => {
  const report = flowready.evaluate(readFileSync(JOT, 'utf8'), { ...TODAY, scope: 'P0' })
  assert.deepEqual(Object.keys(report), ['version', 'options', 'decision', 'flows', 'findings', 'summary', 'gate'])
  assert.deepEqual(report.decision.blocked, ['FLOW-JOT-THEME-001'])
  assert.equal(report.options.min_level, 'L3')
  assert.equal(report.gate.scope, 'P0')
  assert.equal(report.gate.passed, true)
  const flow = report.flows.find((f) => f.id === 'FLOW-JOT-THEME-001')
  assert.deepEqual(Object.keys(flow), ['id', 'priority', 'level', 'status', 'decision', 'reasons', 'line'])
  assert.equal(flow.decision, 'blocked')
  assert.deepEqual(Object.keys(flow.reasons[0]), ['code', 'message', 'cell', 'line', 'column', 'fix'])
  const again = flowready.evaluate(flowready.loadMatrix(JOT), { ...TODAY, scope: 'P0' })
  assert.deepEqual(again, report)
})

test('the report is the JSON twin, byte for byte', () => {
  const text = readFileSync(JOT, 'utf8')
  const native = require('flowready/native')
  const json = native.evaluateJson(Buffer.from(text), JSON.stringify(TODAY))
  assert.equal(JSON.stringify(flowready.evaluate(text, TODAY)), json)
})

test('options use the JSON keys: min_level, strict, scope, flows', () => {
  const r = flowready.evaluate(TWO, { min_level: 'L4' })
  assert.deepEqual(r.decision.ready, [])
  assert.equal(r.options.min_level_source, 'option')
  const scoped = flowready.evaluate(TWO, { flows: ['FLOW-A-001', 'FLOW-Z-001'] })
  assert.deepEqual(scoped.gate.flows, ['FLOW-A-001'])
  assert.deepEqual(scoped.gate.unknown_flows, ['FLOW-Z-001'])
  assert.equal(flowready.evaluate(TWO, { strict: true }).options.strict, true)
  assert.deepEqual(flowready.evaluate(TWO), flowready.evaluate(TWO, {}))
})

test('bad options are OptionsError with a stable code', () => {
  for (const bad of [{ todya: '2026-11-28' }, { today: '2026-13-01' }, { min_level: 'L9' }, { scope: 'X' }, 'L3']) {
    assert.throws(() => flowready.evaluate(TWO, bad), (e) => {
      assert.ok(e instanceof flowready.OptionsError, String(e))
      assert.ok(e instanceof flowready.FlowreadyError)
      assert.ok(e instanceof Error)
      assert.equal(e.code, 'ERR_FLOWREADY_OPTIONS')
      assert.equal(e.name, 'OptionsError')
      return true
    })
  }
  assert.throws(() => flowready.evaluate(TWO, { todya: 1 }), /unknown option `todya`; did you mean `today`\?/)
})

test('wrong argument types are TypeErrors', () => {
  assert.throws(() => flowready.evaluate(42), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => flowready.parse(null), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => flowready.explain(TWO, 7), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => flowready.readEvidence(12), { code: 'ERR_INVALID_ARG_TYPE' })
})

test('parse returns the model JSON with the text attached, never throwing', () => {
  const m = flowready.parse(TWO)
  assert.deepEqual(m.flows.map((f) => f.id), ['FLOW-A-001', 'FLOW-B-001'])
  assert.equal(m.text, TWO)
  assert.deepEqual(JSON.parse(JSON.stringify(m)), JSON.parse(require('flowready/native').parseJson(Buffer.from(TWO))))
  assert.ok(!Object.keys(m).includes('text'))
  const broken = flowready.parse('| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-A-001 | L9 | shipped |\n')
  const codes = broken.findings.map((f) => f.code)
  assert.ok(codes.includes('FR007') && codes.includes('FR008'), codes.join())
  assert.equal(flowready.parse('').flows.length, 0)
})

test('loadMatrix and loadMatrixAsync read files; a missing file is ENOENT', async () => {
  const sync = flowready.loadMatrix(JOT)
  const async_ = await flowready.loadMatrixAsync(JOT)
  assert.deepEqual(async_, sync)
  assert.equal(async_.path, JOT)
  assert.equal(async_.text, readFileSync(JOT, 'utf8'))
  assert.throws(() => flowready.loadMatrix(join(here, 'no-such.md')), { code: 'ENOENT' })
  await assert.rejects(flowready.loadMatrixAsync(join(here, 'no-such.md')), { code: 'ENOENT' })
  assert.throws(() => flowready.readEvidence(join(here, 'no-such.json')), { code: 'ENOENT' })
  // Many parses at once stay off the main thread and all resolve.
  const all = await Promise.all(Array.from({ length: 8 }, () => flowready.loadMatrixAsync(JOT)))
  assert.ok(all.every((m) => m.flows.length === sync.flows.length))
})

test('readEvidence reads paths, buffers and {name, content}, with the format detected or forced', () => {
  const pw = flowready.readEvidence(join(REPORTS, 'playwright.json'))
  assert.equal(pw.format, 'flowready-evidence')
  assert.equal(pw.tool, 'playwright')
  assert.ok(pw.tests.length > 5)
  assert.ok(pw.tests.every((t) => t.source === join(REPORTS, 'playwright.json')))
  const outcomes = new Set(pw.tests.map((t) => t.outcome))
  for (const o of ['passed', 'flaky', 'failed', 'skipped', 'xfailed']) assert.ok(outcomes.has(o), o)
  const junit = flowready.readEvidence(readFileSync(join(REPORTS, 'pytest-xunit2.xml')), 'junit')
  assert.ok(junit.tests.length > 0)
  const named = flowready.readEvidence({ name: 'x.xml', content: readFileSync(join(REPORTS, 'pytest-xunit1.xml'), 'utf8') })
  assert.ok(named.tests.every((t) => t.source === 'x.xml'))
  const merged = flowready.readEvidence([join(REPORTS, 'playwright.json'), join(REPORTS, 'pytest-xunit2.xml')])
  assert.equal(merged.tests.length, pw.tests.length + junit.tests.length)
  // Evidence objects read back as they are.
  assert.deepEqual(flowready.readEvidence(Buffer.from(JSON.stringify(pw))), pw)
})

test('unreadable evidence is EvidenceError with source, line and column', () => {
  assert.throws(() => flowready.readEvidence({ name: 'r.json', content: '{"suites": [{"specs": 3}]}' }), (e) => {
    assert.ok(e instanceof flowready.EvidenceError)
    assert.equal(e.code, 'ERR_FLOWREADY_EVIDENCE')
    assert.equal(e.source, 'r.json')
    assert.equal(e.line, 1)
    assert.equal(typeof e.column, 'number')
    assert.match(e.message, /`r\.json`/)
    return true
  })
  assert.throws(() => flowready.readEvidence({ name: 'r.xml', content: '<testsuites><testcase' }), { code: 'ERR_FLOWREADY_EVIDENCE', source: 'r.xml' })
  assert.throws(() => flowready.readEvidence(Buffer.from('<testsuites/>'), 'yaml'), (e) => {
    assert.ok(e instanceof flowready.UnknownFormatError)
    assert.equal(e.code, 'ERR_FLOWREADY_UNKNOWN_FORMAT')
    assert.equal(e.format, 'yaml')
    return true
  })
})

test('evaluateWithEvidence gates subpaths: paths, buffers and readEvidence results agree', () => {
  const text = readFileSync(JOT, 'utf8')
  const path = join(REPORTS, 'playwright.json')
  const byPath = flowready.evaluateWithEvidence(text, TODAY, path)
  const byEvidence = flowready.evaluateWithEvidence(text, TODAY, flowready.readEvidence(path))
  assert.deepEqual(byEvidence, byPath)
  const byBuffer = flowready.evaluateWithEvidence(text, TODAY, [{ name: path, content: readFileSync(path) }])
  assert.deepEqual(byBuffer, byPath)
  assert.ok(byPath.evidence)
  assert.deepEqual(Object.keys(byPath.evidence), ['tests', 'unlabelled_tests', 'flows', 'unknown_flows', 'unmapped_uat_rows'])
  assert.equal(byPath.evidence.flows['FLOW-JOT-ARCHIVE-001'].subpaths.recovery.state, 'failed')
  assert.ok(byPath.decision.blocked.includes('FLOW-JOT-ARCHIVE-001'))
  assert.equal(byPath.evidence.flows['FLOW-JOT-SEARCH-001'].subpaths.happy.state, 'flaky')
  assert.ok(byPath.findings.some((f) => f.code === 'FR605' && /FLOW-JOT-LEGACY-001/.test(f.message)))
  // Without evidence the same flows are ready.
  assert.ok(flowready.evaluate(text, TODAY).decision.ready.includes('FLOW-JOT-ARCHIVE-001'))
})

test('explain and its did-you-mean', () => {
  const e = flowready.explain(TWO, 'FLOW-B-001')
  assert.deepEqual(Object.keys(e), ['flow', 'declared', 'gap_tasks', 'findings', 'to_make_ready', 'to_make_consistent'])
  assert.equal(e.flow.decision, 'blocked')
  assert.equal(e.gap_tasks[0].id, 'B-TASK-001')
  assert.ok(e.to_make_ready.length > 0)
  assert.throws(() => flowready.explain(TWO, 'flow-a-01'), (err) => {
    assert.ok(err instanceof flowready.UnknownFlowError)
    assert.equal(err.code, 'ERR_FLOWREADY_UNKNOWN_FLOW')
    assert.equal(err.flow, 'flow-a-01')
    assert.equal(err.suggestion, 'FLOW-A-001')
    assert.match(err.message, /did you mean `FLOW-A-001`\?/)
    return true
  })
  assert.throws(() => flowready.explain(TWO, 'SOMETHING'), (err) => err.suggestion === null)
})

test('diff sees changed levels and decisions', () => {
  const d = flowready.diff(TWO, TWO.replace('| FLOW-A-001 | L3 |', '| FLOW-A-001 | L2 |'))
  assert.deepEqual(Object.keys(d), ['added', 'removed', 'changed', 'old_counts', 'new_counts'])
  assert.equal(d.changed[0].id, 'FLOW-A-001')
  assert.ok(d.changed[0].changed.includes('level'))
  assert.equal(d.new_counts.blocked, 2)
})

test('decisionSection renders the computed decision, from a report or on its own', () => {
  const report = flowready.evaluate(TWO)
  const section = flowready.decisionSection(TWO, report)
  assert.match(section, /Broad UAT Decision/)
  assert.match(section, /`FLOW-B-001`/)
  assert.equal(flowready.decisionSection(TWO), section)
  assert.equal(flowready.decisionSection(flowready.parse(TWO), report), section)
  assert.throws(() => flowready.decisionSection(TWO, { nope: true }), { code: 'ERR_FLOWREADY_REPORT' })
})

test('schemas are the JSON Schemas of matrix, report, options and evidence', () => {
  const s = flowready.schemas()
  assert.deepEqual(Object.keys(s).sort(), ['evidence', 'matrix', 'options', 'report'])
  assert.ok(s.report.properties.flows)
  assert.ok(s.options.properties.min_level)
})

test('withUtf16Columns adds JavaScript columns next to the scalar-value ones', () => {
  const text = '| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-😀-001 | 🌱 L9 | ready_for_broad_uat |\n'
  const report = flowready.withUtf16Columns(text, flowready.evaluate(text))
  const f = report.findings.find((x) => x.code === 'FR007')
  assert.ok(f, JSON.stringify(report.findings))
  const line = text.split('\n')[f.line - 1]
  // The UTF-16 column indexes the JavaScript string; the scalar column does not.
  assert.equal(line.slice(f.column_utf16 - 1).startsWith('🌱 L9'), true)
  assert.equal(f.column_utf16, f.column + 1)
  // A parse result and an array of findings work too.
  const m = flowready.parse(text)
  assert.ok(flowready.withUtf16Columns(m, m.findings).every((x) => typeof x.column_utf16 === 'number'))
})

test('flow() builds Playwright details; unknown subpaths throw with a did-you-mean', () => {
  assert.deepEqual(flowready.flow('FLOW-A-001', 'negative', { uat: 'UAT-A-001' }), {
    tag: ['@FLOW-A-001', '@negative', '@UAT-A-001'],
    annotation: [
      { type: 'flow', description: 'FLOW-A-001' },
      { type: 'subpath', description: 'negative' },
      { type: 'uat', description: 'UAT-A-001' },
    ],
  })
  assert.deepEqual(flowready.flow('FLOW-A-001', ['@Happy', 'env']).tag, ['@FLOW-A-001', '@happy', '@environment'])
  assert.deepEqual(flowready.flow('FLOW-A-001').tag, ['@FLOW-A-001'])
  assert.throws(() => flowready.flow('FLOW-A-001', 'negatve'), (e) => {
    assert.ok(e instanceof flowready.UnknownSubpathError)
    assert.equal(e.code, 'ERR_FLOWREADY_UNKNOWN_SUBPATH')
    assert.equal(e.suggestion, 'negative')
    assert.match(e.message, /unknown subpath `negatve`; did you mean `negative`\?/)
    assert.deepEqual(e.expected, flowready.SUBPATHS)
    return true
  })
  assert.throws(() => flowready.flow('FLOW-A-001', 'smoke'), (e) => e.suggestion === null)
  assert.throws(() => flowready.flow('A-001', 'happy'), { code: 'ERR_INVALID_ARG_VALUE' })
  assert.throws(() => flowready.flow('FLOW-A-001', 'happy', { uat: 'ROW-1' }), { code: 'ERR_INVALID_ARG_VALUE' })
  assert.deepEqual(flowready.SUBPATHS, ['happy', 'empty', 'blocked', 'recovery', 'negative', 'cleanup', 'fixture', 'environment'])
})

test('flow() details are read back by the core exactly as Playwright tags and annotations', () => {
  const details = flowready.flow('FLOW-A-001', ['negative', 'recovery'], { uat: 'UAT-A-001' })
  const report = {
    suites: [{ title: 'a.spec.ts', file: 'a.spec.ts', specs: [{ title: 't', tags: details.tag.map((t) => t.slice(1)), file: 'a.spec.ts', line: 1, tests: [{ annotations: details.annotation, expectedStatus: 'passed', status: 'expected', results: [{ status: 'passed' }] }] }], suites: [] }],
  }
  const ev = flowready.readEvidence({ name: 'r.json', content: JSON.stringify(report) })
  assert.deepEqual(ev.tests[0].flows, [{ flow: 'FLOW-A-001', subpaths: ['recovery', 'negative'] }])
  assert.deepEqual(ev.tests[0].uat_rows, ['UAT-A-001'])
})

test('expectFlowReady passes ready flows and fails blocked ones with their reasons', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowready-'))
  const file = join(dir, 'm.md')
  writeFileSync(file, TWO)
  assert.equal(flowready.expectFlowReady(file, 'FLOW-A-001').decision, 'ready')
  assert.throws(() => flowready.expectFlowReady(file, 'FLOW-B-001'), (e) => {
    assert.ok(e instanceof flowready.FlowNotReadyError)
    assert.equal(e.code, 'ERR_FLOWREADY_NOT_READY')
    assert.equal(e.flow, 'FLOW-B-001')
    assert.ok(e.reasons.length > 0)
    assert.match(e.message, /flow `FLOW-B-001` is blocked/)
    assert.ok(e.message.includes(e.reasons[0].message))
    return true
  })
  assert.throws(() => flowready.expectFlowReady(file, 'FLOW-A-01'), { code: 'ERR_FLOWREADY_UNKNOWN_FLOW', suggestion: 'FLOW-A-001' })
  assert.throws(() => flowready.expectFlowReady(join(dir, 'none.md'), 'FLOW-A-001'), { code: 'ENOENT' })
})

test('the seed matrix, where present: 11 ready, 1 accepted, 3 blocked', (t) => {
  const seed = join(root, '..', 'shared', 'seed', 'Product_Quality_Flow_Coverage_Matrix_v1.md')
  let text
  try {
    text = readFileSync(seed, 'utf8')
  } catch {
    t.skip('the seed matrix is not present')
    return
  }
  const r = flowready.evaluate(text, TODAY)
  assert.equal(r.decision.ready.length, 11)
  assert.deepEqual(r.decision.accepted_gap, ['FLOW-ACCOUNT-MFA-001'])
  assert.deepEqual(r.decision.blocked, ['FLOW-BILLING-SAFETY-001', 'FLOW-STORAGE-LIFECYCLE-001', 'FLOW-HARNESS-PREUAT-001'])
})
