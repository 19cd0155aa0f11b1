'use strict'
// `flowready/reporter`: a Playwright reporter that gates the run on flow coverage.
//
//   reporter: [['list'], ['flowready/reporter', { matrix: 'matrix.md', scope: 'P0' }]]
//
// At the end of the run it hands the run's results to the core's Playwright reader, in
// the shape of Playwright's own JSON report (tags, annotations, expected status and every
// attempt), so flows, subpaths, UAT rows and outcomes are read exactly as
// `flowready gate --evidence playwright.json` reads them. It writes the evidence as
// flowready evidence JSON, evaluates the matrix with it, prints one line per flow in
// scope and, when the gate fails, returns `{ status: 'failed' }` so that
// `npx playwright test` exits non-zero.

const fs = require('node:fs')
const path = require('node:path')
const flowready = require('./flowready.js')

const OPTION_KEYS = ['today', 'min_level', 'strict', 'expiry_warning_days', 'scope', 'flows']
const NOT_COVERED = ['failed', 'missing', 'skipped', 'flaky']

class FlowreadyReporter {
  /**
   * @param {object} options `matrix` (required), `gate` (default true), `output`
   *   (default `flowready-evidence.json`), `summary` (default true), and the evaluation
   *   options `today` (default: the current UTC date), `min_level`, `strict`,
   *   `expiry_warning_days`, `scope`, `flows`. Relative paths are relative to the config
   *   file's directory.
   */
  constructor(options = {}) {
    if (!options.matrix || typeof options.matrix !== 'string') {
      throw new TypeError('flowready/reporter: the `matrix` option (the path of the coverage matrix) is required')
    }
    this.options = options
    this.dir = options.configDir || process.cwd()
    this.evaluation = { today: flowready.todayUtc() }
    for (const key of OPTION_KEYS) if (options[key] !== undefined) this.evaluation[key] = options[key]
    this.out = process.stdout
  }

  printsToStdio() {
    return this.options.summary !== false
  }

  onBegin(config, suite) {
    this.config = config
    this.suite = suite
    this.rootDir = config.rootDir || this.dir
  }

  /** The evidence file of this run: `output`, with `{shard}` / `{total}` filled in, or a
   *  `-shard-I-of-N` suffix when the run is one shard of several. */
  outputPath() {
    let out = this.options.output || 'flowready-evidence.json'
    const shard = this.config && this.config.shard
    if (shard) {
      if (/\{shard\}|\{total\}/.test(out)) {
        out = out.replace(/\{shard\}/g, String(shard.current)).replace(/\{total\}/g, String(shard.total))
      } else {
        const ext = path.extname(out)
        out = `${out.slice(0, out.length - ext.length)}-shard-${shard.current}-of-${shard.total}${ext}`
      }
    } else {
      out = out.replace(/\{shard\}/g, '1').replace(/\{total\}/g, '1')
    }
    return path.resolve(this.dir, out)
  }

  /** The run as a Playwright JSON report (the subset the core's reader reads). */
  playwrightReport() {
    const files = new Map()
    const suites = new Map()
    const rel = (file) => path.relative(this.rootDir, file).split(path.sep).join('/')
    const nodeFor = (suite) => {
      if (suites.has(suite)) return suites.get(suite)
      let node
      if (suite.type === 'describe') {
        const parent = nodeFor(suite.parent)
        node = { title: suite.title, file: parent.file, specs: [], suites: [] }
        parent.suites.push(node)
      } else {
        // The file suite: one per file, shared by every project.
        const file = rel(suite.location ? suite.location.file : suite.title)
        node = files.get(file)
        if (!node) {
          node = { title: file, file, specs: [], suites: [] }
          files.set(file, node)
        }
      }
      suites.set(suite, node)
      return node
    }
    for (const test of this.suite.allTests()) {
      let fileSuite = test.parent
      while (fileSuite && fileSuite.type === 'describe') fileSuite = fileSuite.parent
      const project = test.parent.project && test.parent.project()
      const parent = nodeFor(test.parent)
      parent.specs.push({
        title: test.title,
        tags: test.tags,
        file: rel(test.location.file),
        line: test.location.line,
        tests: [
          {
            annotations: test.annotations,
            expectedStatus: test.expectedStatus,
            status: test.outcome(),
            projectName: project ? project.name : '',
            results: test.results.map((r) => ({
              status: r.status,
              annotations: r.annotations || [],
              error: r.error ? { message: r.error.message || String(r.error.value || '') } : undefined,
            })),
          },
        ],
      })
    }
    return { suites: [...files.values()] }
  }

  async onEnd(result) {
    const lines = []
    let failed = false
    const say = (line) => lines.push(line)
    const output = this.outputPath()
    const name = path.relative(this.dir, output) || path.basename(output)
    let evidence
    try {
      const report = Buffer.from(JSON.stringify(this.playwrightReport()))
      evidence = flowready.readEvidence({ name, content: report, format: 'playwright' })
      fs.mkdirSync(path.dirname(output), { recursive: true })
      fs.writeFileSync(output, JSON.stringify(evidence, null, 2) + '\n')
    } catch (error) {
      say(`flowready: could not write the evidence to \`${name}\`: ${error.message}`)
      return this.finish(lines, true)
    }
    const tests = evidence.tests.length
    say(`flowready: ${tests} test${tests === 1 ? '' : 's'} name flows (${evidence.unlabelled_tests} unlabelled); evidence written to ${name}`)

    const shard = this.config && this.config.shard
    const gate = this.options.gate === undefined ? true : this.options.gate
    if (shard && gate !== 'always') {
      say(`flowready: shard ${shard.current}/${shard.total} holds part of the run; gate the merged evidence with \`flowready gate ${path.relative(this.dir, path.resolve(this.dir, this.options.matrix))} --evidence <each shard's file>\``)
      return this.finish(lines, false)
    }

    let report
    try {
      // The file's bytes go to the core as they are: no parse of the model, no decoding.
      const matrix = fs.readFileSync(path.resolve(this.dir, this.options.matrix))
      report = flowready.evaluateWithEvidence(matrix, this.evaluation, evidence)
    } catch (error) {
      say(`flowready: cannot evaluate \`${this.options.matrix}\`: ${error.message}`)
      return this.finish(lines, Boolean(gate))
    }
    this.report = report
    const g = report.gate
    const width = Math.max(0, ...g.flows.map((id) => id.length))
    say(`flowready: gate ${g.scope === 'all' ? 'all flows' : g.scope} — ${g.passed ? 'passed' : 'FAILED'} (${g.flows.length - g.blocked.length} of ${g.flows.length} may start broad UAT)`)
    // Only the flows in scope are converted (`report.flow`), not the whole report.
    for (const id of g.flows) {
      const verdict = report.flow(id)
      const mark = verdict.decision === 'blocked' ? '✗' : '✓'
      const coverage = report.evidence && report.evidence.flows[id]
      const parts = []
      if (coverage) {
        for (const state of NOT_COVERED) {
          const subs = Object.entries(coverage.subpaths)
            .filter(([, c]) => c.required && c.state === state)
            .map(([s]) => s)
          if (subs.length) parts.push(`${state}: ${subs.join(', ')}`)
        }
        if (coverage.missing_uat_rows.length) parts.push(`UAT rows without a test: ${coverage.missing_uat_rows.join(', ')}`)
      }
      say(`  ${mark} ${id.padEnd(width)}  ${verdict.decision.padEnd(12)}${parts.length ? `  ${parts.join('; ')}` : ''}`.trimEnd())
    }
    for (const id of g.unknown_flows) say(`  ✗ ${id.padEnd(width)}  not in the matrix`)
    if (!g.passed && gate) {
      failed = true
      const why = []
      for (const id of g.blocked) {
        const reasons = report.flow(id).reasons
        if (reasons.length === 0) why.push(`  ${id}: blocked`)
        for (const r of reasons) why.push(`  ${id}: ${r.message}`)
      }
      if (g.flows.length === 0) why.push('  no flow is in scope')
      for (const id of g.unknown_flows) why.push(`  ${id}: not in the matrix`)
      say(`flowready: the run fails because broad UAT may not start for every flow in scope${result && result.status === 'passed' ? ', although every test passed' : ''}:`)
      for (const line of why) say(line)
      say(`flowready: \`flowready explain ${this.options.matrix} FLOW-ID\` says what would make a flow ready`)
    }
    return this.finish(lines, failed)
  }

  finish(lines, failed) {
    if (this.options.summary !== false || failed) this.out.write(`\n${lines.join('\n')}\n`)
    return failed ? { status: 'failed' } : undefined
  }
}

module.exports = FlowreadyReporter
module.exports.default = FlowreadyReporter
