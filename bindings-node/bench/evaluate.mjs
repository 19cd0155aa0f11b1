// Benchmarks `evaluate` from Node against the core it wraps, in one process. For each
// synthetic matrix (1,000 and 10,000 flows, from the repository's generator) and each
// column below, a phase of `runs` rounds, each round one core call then one call of the
// column (so the load of the shared machine falls on both alike), and the ratio of the
// column's median to the core's median in the same phase ("paired": the median of each
// round's ratio, which follows a drifting load better). One column per phase, so each
// JS column pays the garbage collection of its own garbage (the native report of a
// lazy report is freed when V8 collects it) and not that of another column.
//
//   core      the core's `api::evaluate_text` timed inside this process by a bench-only
//             native function (report dropped included);
//   text      `evaluate(text, options)` from a JS string, then `report.summary` and
//             `report.gate.passed` read (what a runner or CI gate reads);
//   bytes     the same from the file's bytes (a Buffer: no UTF-8 conversion);
//   flows     `evaluate(text)` and every flow read (`report.flows`, each verdict touched);
//   all       `evaluate(text)` and every part converted (`report.toJSON()`);
//   eager     what `evaluate` did before the lazy report: the core's JSON, `JSON.parse`.
//
// It prints the medians, both ratios, the load average, and `require('flowready')` load
// time in fresh processes. Usage: node bench/evaluate.mjs [runs]   (default 21)
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const require = createRequire(import.meta.url)
const runs = Number(process.argv[2] || 21)
const data = join(here, 'data')
mkdirSync(data, { recursive: true })
const gen = join(root, 'target', 'release', 'gen-matrix')
if (!existsSync(gen)) {
  execFileSync('cargo', ['build', '--release', '-q', '-p', 'flowready-benches', '--bin', 'gen-matrix'], { cwd: root, stdio: 'inherit' })
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const time = (fn) => {
  const start = process.hrtime.bigint()
  const value = fn()
  return [Number(process.hrtime.bigint() - start) / 1e6, value]
}
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ')

const t0 = process.hrtime.bigint()
const flowready = require('flowready')
const firstLoad = Number(process.hrtime.bigint() - t0) / 1e6
const native = require('flowready/native')
const options = { today: '2026-11-28' }
const optionsJson = JSON.stringify(options)

console.log(`node ${process.version}, ${runs} runs per tier, load average before: ${load()}`)
for (const n of [1000, 10000]) {
  const file = join(data, `flows-${n}.md`)
  if (!existsSync(file)) execFileSync(gen, [String(n), '-o', file])
  const bytes = readFileSync(file)
  const text = bytes.toString('utf8')

  const columns = {
    text: () => {
      const r = flowready.evaluate(text, options)
      if (r.summary.flows !== n || typeof r.gate.passed !== 'boolean') throw new Error('bad report')
      return r
    },
    bytes: () => {
      const r = flowready.evaluate(bytes, options)
      if (r.summary.flows !== n || typeof r.gate.passed !== 'boolean') throw new Error('bad report')
      return r
    },
    flows: () => {
      const r = flowready.evaluate(text, options)
      let blocked = 0
      for (const f of r.flows) if (f.decision === 'blocked') blocked++
      if (r.flows.length !== n || blocked !== r.summary.blocked) throw new Error('bad flows')
      return r
    },
    all: () => {
      const r = flowready.evaluate(text, options).toJSON()
      if (r.flows.length !== n) throw new Error('bad report')
      return r
    },
    eager: () => {
      const r = JSON.parse(native.evaluateJson(Buffer.from(text, 'utf8'), optionsJson))
      if (r.flows.length !== n) throw new Error('bad report')
      return r
    },
  }
  // Warm up every path once.
  for (const fn of Object.values(columns)) fn()
  native.benchCoreEvaluate(bytes, optionsJson, 1)

  const cells = []
  const cores = []
  for (const [name, fn] of Object.entries(columns)) {
    const core = []
    const node = []
    for (let i = 0; i < runs; i++) {
      core.push(native.benchCoreEvaluate(bytes, optionsJson, 1)[0])
      node.push(time(fn)[0])
    }
    const [mc, mn] = [median(core), median(node)]
    const paired = median(node.map((t, i) => t / core[i]))
    cores.push(mc)
    cells.push(`${name} ${mn.toFixed(1)} ms = ${(mn / mc).toFixed(2)}x, paired ${paired.toFixed(2)}x (core ${mc.toFixed(1)})`)
  }
  console.log(`${n} flows (${(bytes.length / 1e6).toFixed(1)} MB), medians of ${runs}: ${cells.join('; ')}; core over all phases ${median(cores).toFixed(1)} ms; load ${load()}`)
}

const loads = []
for (let i = 0; i < 9; i++) {
  const out = execFileSync(process.execPath, ['-e', "const t=process.hrtime.bigint();require('flowready');process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))"], { cwd: join(here, '..') })
  loads.push(Number(out))
}
console.log(`require('flowready'): ${median(loads).toFixed(1)} ms median in a fresh process (this process: ${firstLoad.toFixed(1)} ms)`)
