// A typed usage example: `tsc --noEmit --strict` must accept it (test.sh runs it), so the
// declarations in index.d.ts and lib/*.d.ts stay usable from TypeScript.
import {
  evaluate,
  evaluateJson,
  evaluateWithEvidence,
  explain,
  flow,
  loadMatrix,
  loadMatrixAsync,
  parse,
  readEvidence,
  withUtf16Columns,
  decisionSection,
  diff,
  schemas,
  expectFlowReady,
  UnknownFlowError,
  EvidenceError,
  FlowreadyError,
  type Decision,
  type Evidence,
  type Finding,
  type FlowReport,
  type Options,
  type Reason,
  type Report,
  type Explanation,
  type MatrixDiff,
  type CoverageState,
} from 'flowready'
import FlowreadyReporter = require('flowready/reporter')

const options: Options = { today: '2026-11-28', min_level: 'L3', strict: false, scope: 'P0', flows: [] }
const report: Report = evaluate('| Flow ID | Level | Status |\n|---|---|---|\n', options)
const ready: string[] = report.decision.ready
const blocked: FlowReport[] = report.flows.filter((f) => f.decision === 'blocked')
const why: Reason | undefined = blocked[0]?.reasons[0]
const fix: string | null | undefined = why?.fix
const decision: Decision = blocked[0]?.decision ?? 'ready'
const errors: Finding[] = report.findings.filter((f) => f.severity === 'error')
const passed: boolean = report.gate.passed

const matrix = loadMatrix('matrix.md')
const firstFlow: string | undefined = matrix.flows[0]?.id
const text: string = matrix.text
const again: Report = evaluate(matrix)
const parsed = parse(text)

const evidence: Evidence = readEvidence('playwright.json', 'playwright')
const withEvidence = evaluateWithEvidence(matrix, { today: '2026-11-28' }, [evidence, 'junit.xml', new Uint8Array()])
const state: CoverageState | undefined = withEvidence.evidence.flows['FLOW-A-001']?.subpaths.happy?.state

const explanation: Explanation = explain(text, 'FLOW-A-001')
const steps: string[] = explanation.to_make_ready
const changes: MatrixDiff = diff(text, parsed)
const section: string = decisionSection(matrix, report)
const columns: number | undefined = withUtf16Columns(text, report).findings[0]?.column_utf16
const schema: Record<string, unknown> = schemas().report

const one: FlowReport = evaluate(new Uint8Array(), options).flow('FLOW-A-001')
const coreJson: string = evaluate(matrix).json()
const plain: Report = evaluate(text).toJSON()
const sameJson: string = evaluateJson(Buffer.from(text), options)
const fromBytes = parse(Buffer.from(text)).flows.length

const details = flow('FLOW-A-001', 'negative', { uat: 'UAT-A-001' })
const tags: string[] = details.tag
const verdict: FlowReport = expectFlowReady('matrix.md', 'FLOW-A-001', { today: '2026-11-28' })

async function later(): Promise<number> {
  const m = await loadMatrixAsync(new URL('file:///matrix.md'))
  return m.flows.length
}

try {
  explain(text, 'FLOW-A-01')
} catch (e) {
  if (e instanceof UnknownFlowError) {
    const s: string | null = e.suggestion
    void s
  } else if (e instanceof EvidenceError) {
    const where: string = `${e.source}:${e.line ?? '?'}:${e.column ?? '?'}`
    void where
  } else if (e instanceof FlowreadyError) {
    const code: string = e.code
    void code
  }
}

const reporter = new FlowreadyReporter({ matrix: 'matrix.md', gate: true, scope: 'P0', output: 'flowready-evidence.json' })
const reporterOptions: FlowreadyReporter.ReporterOptions = { matrix: 'm.md', gate: 'always', min_level: 'L4' }

// @ts-expect-error options use the JSON keys: snake_case, not camelCase
evaluate(text, { minLevel: 'L3' })
// @ts-expect-error an unknown level
evaluate(text, { min_level: 'L9' })
// @ts-expect-error an unknown subpath
flow('FLOW-A-001', 'negatve')

void [one, coreJson, plain, sameJson, fromBytes, ready, fix, decision, errors, passed, firstFlow, again, state, steps, changes, section, columns, schema, tags, verdict, later, reporter, reporterOptions]
