// Benchmarks `evaluate` from Node against the core it wraps, in one process: for each
// synthetic matrix (1,000 and 10,000 flows, from the repository's generator), the median
// wall time of `flowready.evaluate(text, options)` (parse + evaluate + report JSON +
// conversion to JS objects) and of the core's `api::evaluate_text` alone, report dropped
// included (through a bench-only native function), interleaved run by run. Also `require('flowready')` load
// time, in fresh processes. Usage: node bench/evaluate.mjs [runs]
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const require = createRequire(import.meta.url)
const runs = Number(process.argv[2] || 15)
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

const t0 = process.hrtime.bigint()
const flowready = require('flowready')
const firstLoad = Number(process.hrtime.bigint() - t0) / 1e6
const native = require('flowready/native')
const options = { today: '2026-11-28' }

for (const n of [1000, 10000]) {
  const file = join(data, `flows-${n}.md`)
  if (!existsSync(file)) execFileSync(gen, [String(n), '-o', file])
  const bytes = readFileSync(file)
  const text = bytes.toString('utf8')
  const matrix = flowready.loadMatrix(file)
  flowready.evaluate(text, options) // warm up
  native.benchCoreEvaluate(bytes, JSON.stringify(options), 1)
  const serialise = []
  const node = []
  const core = []
  const fromMatrix = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    const report = flowready.evaluate(text, options)
    node.push(Number(process.hrtime.bigint() - start) / 1e6)
    if (report.flows.length !== n) throw new Error(`expected ${n} flows, got ${report.flows.length}`)
    const start2 = process.hrtime.bigint()
    flowready.evaluate(matrix, options)
    fromMatrix.push(Number(process.hrtime.bigint() - start2) / 1e6)
    const [e, ser] = native.benchCoreEvaluate(bytes, JSON.stringify(options), 1)
    core.push(e)
    serialise.push(ser)
  }
  const [mn, mm, mc] = [median(node), median(fromMatrix), median(core)]
  console.log(`evaluate ${n} flows (${(bytes.length / 1e6).toFixed(1)} MB), median of ${runs}: core ${mc.toFixed(1)} ms; node evaluate(text) ${mn.toFixed(1)} ms = ${(mn / mc).toFixed(2)}x; node evaluate(loadMatrix(path)) ${mm.toFixed(1)} ms = ${(mm / mc).toFixed(2)}x; of which serialising the report in Rust ${median(serialise).toFixed(1)} ms`)
}

const loads = []
for (let i = 0; i < 9; i++) {
  const out = execFileSync(process.execPath, ['-e', "const t=process.hrtime.bigint();require('flowready');process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))"], { cwd: join(here, '..') })
  loads.push(Number(out))
}
const bare = []
for (let i = 0; i < 9; i++) {
  const start = process.hrtime.bigint()
  execFileSync(process.execPath, ['-e', "require('flowready')"], { cwd: join(here, '..') })
  const withPkg = Number(process.hrtime.bigint() - start) / 1e6
  const start2 = process.hrtime.bigint()
  execFileSync(process.execPath, ['-e', '0'])
  bare.push([withPkg, Number(process.hrtime.bigint() - start2) / 1e6])
}
console.log(`require('flowready'): ${median(loads).toFixed(1)} ms median in a fresh process (this process: ${firstLoad.toFixed(1)} ms); node -e "require('flowready')" ${median(bare.map((b) => b[0])).toFixed(0)} ms vs node -e 0 ${median(bare.map((b) => b[1])).toFixed(0)} ms`)
