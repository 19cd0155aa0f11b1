// Real Playwright runs in Debian's Chromium with the flowready reporter on (e2e/): the
// exit code, the printed summary and the evidence file of a suite that passes the gate,
// one that fails it (a failing recovery test, a subpath with no test, a skip, a flaky
// retry), one whose tests all pass but still fails the gate, and a two-shard run whose
// evidence files the CLI merges.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, symlinkSync, lstatSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const flowready = require('flowready')
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..')
const e2e = join(pkg, 'e2e')
const cli = join(pkg, '..', 'target', 'debug', 'flowready')
const chromium = process.env.CHROMIUM || '/usr/bin/chromium'
const skip = existsSync(chromium) ? false : `no Chromium at ${chromium}`

// Playwright resolves `flowready/reporter` from node_modules, as in a project that
// installed the package; this package is linked there as itself.
const link = join(pkg, 'node_modules', 'flowready')
try {
  lstatSync(link)
} catch {
  symlinkSync('..', link)
}

const port = 20000 + (process.pid % 20000)

function run(suite, ...args) {
  const r = spawnSync(process.execPath, [join(pkg, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '-c', 'playwright.config.ts', ...args], {
    cwd: e2e,
    env: { ...process.env, FLOWREADY_SUITE: suite, JOT_PORT: String(port), CI: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 180_000,
  })
  return { code: r.status, out: r.stdout + r.stderr }
}

const evidence = (file) => JSON.parse(readFileSync(join(e2e, file), 'utf8'))
const outcomes = (ev) => Object.fromEntries(ev.tests.map((t) => [t.name, t.outcome]))
const gate = (files) => flowready.evaluateWithEvidence(flowready.loadMatrix(join(e2e, 'matrix.md')), { scope: 'P0', today: flowready.todayUtc() }, files.map((f) => join(e2e, f)))

test('a suite that covers every P0 subpath passes the gate', { skip }, () => {
  rmSync(join(e2e, 'out', 'pass'), { recursive: true, force: true })
  const { code, out } = run('pass')
  assert.equal(code, 0, out)
  assert.match(out, /flowready: 9 tests name flows \(1 unlabelled\); evidence written to out\/pass\/flowready-evidence\.json/)
  assert.match(out, /flowready: gate P0 — passed \(2 of 2 may start broad UAT\)/)
  assert.match(out, /✓ FLOW-JOT-ADD-001 +ready\n/)
  assert.match(out, /✓ FLOW-JOT-SEARCH-001 +ready\n/)
  const ev = evidence('out/pass/flowready-evidence.json')
  assert.equal(ev.format, 'flowready-evidence')
  assert.equal(ev.tool, 'playwright')
  assert.equal(ev.unlabelled_tests, 1)
  const o = outcomes(ev)
  // Describe titles, tags inherited from `describe`, annotations and flow() all count.
  assert.equal(o['adding notes › adds a note @happy'], 'passed')
  assert.equal(o['an oversized title is refused'], 'xfailed')
  const add = ev.tests.find((t) => t.name === 'adding notes › a read-only board blocks adding')
  assert.deepEqual(add.flows, [{ flow: 'FLOW-JOT-ADD-001', subpaths: ['blocked'] }])
  assert.deepEqual(add.uat_rows, ['UAT-JOT-ADD-001'])
  // Relative to the test directory, as in Playwright's own JSON report.
  assert.equal(add.file, 'add.spec.ts')
  assert.equal(add.line, 19)
  const share = ev.tests.find((t) => t.name.startsWith('sharing'))
  assert.deepEqual(share.flows, [{ flow: 'FLOW-JOT-SHARE-001', subpaths: ['happy'] }])
  const report = gate(['out/pass/flowready-evidence.json'])
  assert.equal(report.gate.passed, true)
  assert.equal(report.evidence.flows['FLOW-JOT-ADD-001'].subpaths.negative.state, 'passed')
})

test('a failing recovery test, an untested subpath, a skip and a flaky retry fail the gate', { skip }, () => {
  rmSync(join(e2e, 'out', 'fail'), { recursive: true, force: true })
  const { code, out } = run('fail')
  assert.equal(code, 1, out)
  assert.match(out, /flowready: gate P0 — FAILED \(1 of 2 may start broad UAT\)/)
  assert.match(out, /✗ FLOW-JOT-ADD-001 +blocked +failed: recovery; missing: negative; skipped: blocked\n/)
  assert.match(out, /✓ FLOW-JOT-SEARCH-001 +ready +flaky: happy\n/)
  assert.match(out, /flowready: the run fails because broad UAT may not start for every flow in scope:/)
  assert.match(out, /FLOW-JOT-ADD-001: subpath `recovery` of flow `FLOW-JOT-ADD-001` failed/)
  assert.match(out, /FLOW-JOT-ADD-001: subpath `negative` of flow `FLOW-JOT-ADD-001` has no evidence/)
  const o = outcomes(evidence('out/fail/flowready-evidence.json'))
  assert.equal(o['adding notes › a failed save shows an undo toast @recovery'], 'failed')
  assert.equal(o['adding notes › a read-only board blocks adding @blocked'], 'skipped')
  assert.equal(o['filters notes by text'], 'flaky')
  const failed = evidence('out/fail/flowready-evidence.json').tests.find((t) => t.outcome === 'failed')
  assert.match(failed.reason, /toBeVisible/)
  const skipped = evidence('out/fail/flowready-evidence.json').tests.find((t) => t.outcome === 'skipped')
  assert.equal(skipped.reason, 'read-only boards are not deployed in this lane')
})

test('every test passing is not enough: a required subpath without a test fails the run', { skip }, () => {
  rmSync(join(e2e, 'out', 'gap'), { recursive: true, force: true })
  const { code, out } = run('gap')
  assert.match(out, /6 passed/)
  assert.doesNotMatch(out, /failed \(|flaky/)
  assert.equal(code, 1, out)
  assert.match(out, /✗ FLOW-JOT-ADD-001 +blocked +missing: negative\n/)
  assert.match(out, /the run fails because broad UAT may not start for every flow in scope, although every test passed:/)
})

test('two shards write their own evidence; the CLI gates the merged files', { skip }, () => {
  rmSync(join(e2e, 'out', 'pass'), { recursive: true, force: true })
  const files = []
  for (const shard of ['1/2', '2/2']) {
    const { code, out } = run('pass', '--shard', shard)
    assert.equal(code, 0, out)
    const file = `out/pass/flowready-evidence-shard-${shard[0]}-of-2.json`
    assert.match(out, new RegExp(`evidence written to ${file.replace(/[.]/g, '\\.')}`))
    assert.match(out, new RegExp(`shard ${shard} holds part of the run; gate the merged evidence`))
    files.push(file)
  }
  const [a, b] = files.map(evidence)
  assert.ok(a.tests.length > 0 && b.tests.length > 0)
  assert.equal(a.tests.length + b.tests.length, 9)
  if (!existsSync(cli)) {
    // `npm test` on a fresh checkout: build the CLI the shards are merged with.
    const built = spawnSync('cargo', ['build', '-q', '-p', 'flowready-cli'], { cwd: join(pkg, '..'), encoding: 'utf8' })
    assert.equal(built.status, 0, built.stderr)
  }
  const both = spawnSync(cli, ['gate', 'matrix.md', '--scope', 'P0', '--evidence', files[0], '--evidence', files[1], '--format', 'json'], { cwd: e2e, encoding: 'utf8' })
  assert.equal(both.status, 0, both.stdout + both.stderr)
  const report = JSON.parse(both.stdout)
  assert.equal(report.gate.passed, true)
  assert.equal(report.evidence.tests, 9)
  // Either shard alone lacks the other's subpaths.
  const one = spawnSync(cli, ['gate', 'matrix.md', '--scope', 'P0', '--evidence', files[0]], { cwd: e2e, encoding: 'utf8' })
  assert.equal(one.status, 1, one.stdout)
  // The API merges the same way.
  assert.deepEqual(gate(files).decision, report.decision)
})

test('a mistyped subpath in flow() fails the run when the spec loads, with a did-you-mean', { skip }, () => {
  const { code, out } = run('typo')
  assert.equal(code, 1, out)
  assert.match(out, /UnknownSubpathError: unknown subpath `negatve`; did you mean `negative`\?/)
  // The stack points at the spec line that called flow().
  assert.match(out, /at typo\.spec\.ts:5/)
  assert.doesNotMatch(out, /1 passed/)
})
