// Type-checked by `tsc --noEmit` in test.sh: the committed declarations describe the API
// as a TypeScript user calls it (the report's snake_case keys, typed errors).
import { evaluate, evaluateWithEvidence, explain, parse, readEvidence, decisionSection, diff } from './flowready_wasm';
import type { Decision, FlowreadyError, Report, MatrixModel, Evidence, Explanation, MatrixDiff } from './flowready_wasm';
import init, { evaluate as evaluateWeb } from './flowready_wasm_web';
import initLean, { evaluate as evaluateLean, evaluateJson as evaluateJsonLean, parse as parseLean } from './flowready_wasm_lean';

const text = '| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-A-001 | L3 | ready_for_broad_uat |\n';
const report: Report = evaluate(text, { today: '2026-11-28', min_level: 'L3', scope: 'P0' });
const decision: Decision = report.flows[0].decision;
const blocked: string[] = report.decision.blocked;
const passed: boolean = report.gate.passed;
const line: number = report.findings[0].line;
const model: MatrixModel = parse(text);
const owners: string[] = model.flows[0].owners;
const evidence: Evidence = readEvidence('r.xml', '<testsuites/>');
const withEvidence: Report = evaluateWithEvidence(text, [evidence], '{"today":"2026-11-28"}');
const state = withEvidence.evidence?.flows['FLOW-A-001']?.subpaths.happy?.state;
const why: Explanation = explain(text, 'FLOW-A-001', null);
const section: string = decisionSection(text, undefined);
const changes: MatrixDiff = diff(text, text, {});
try {
  explain(text, 'FLOW-B-001', {});
} catch (e) {
  const err = e as FlowreadyError;
  const code: 'options' | 'serialize' | 'evidence' | 'unknown_flow' | 'unknown_format' = err.code;
  console.log(code, err.suggestion);
}
async function web(): Promise<Report> {
  await init();
  return evaluateWeb(text, { strict: true });
}
console.log(decision, blocked, passed, line, owners, state, why, section, changes, web);

// The element's declarations.
import type { FlowReadiness } from './flow-readiness';
function element(el: FlowReadiness): number {
  el.text = '| Flow ID | Level | Status |\n|---|---|---|\n';
  el.evidenceReports = [{ name: 'junit.xml', content: '<testsuites/>' }];
  el.addEventListener('flowready-render', (e) => console.log(e.detail.report.summary.ready));
  return el.report?.summary.blocked ?? 0;
}
const found: FlowReadiness | null = document.querySelector('flow-readiness');
console.log(found && element(found));
async function lean(): Promise<[Report, MatrixModel, string]> {
  await initLean();
  return [evaluateLean(text, { today: '2026-11-28' }), parseLean(text), evaluateJsonLean(text, '{}')];
}
