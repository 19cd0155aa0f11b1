// Types of `require('flowready')`. The result and option types (Report, FlowReport,
// Reason, Finding, Options, Evidence, …) are declared in the generated ../index.d.ts and
// re-exported here; the functions below are the JavaScript layer (flowready.js).
import type {
  Evidence,
  Explanation,
  Finding,
  FlowReport,
  Matrix,
  MatrixDiff,
  Options,
  Report,
  Schemas,
  Subpath,
} from '../index'

export type * from '../index'
export type { ReportInput as NativeReportInput } from '../index'

/**
 * A document: its text, its UTF-8 bytes (a `Buffer` or `Uint8Array`, used without a
 * copy), or a Matrix from `parse` / `loadMatrix` (its bytes are reused).
 */
export type MatrixSource = string | Uint8Array | Matrix

/**
 * What `evaluate` and `evaluateWithEvidence` return: a plain object with the report
 * JSON's keys (each part converted to JavaScript objects when first read, then an
 * ordinary property), and three non-enumerable methods.
 */
export interface EvaluatedReport extends Report {
  /**
   * The verdict of flow `id` (the first, if the ID is repeated), converting that flow
   * alone; the same object as in `flows`. An unknown ID throws UnknownFlowError with
   * the nearest ID as `suggestion`.
   */
  flow(id: string): FlowReport
  /** The report as plain objects, every part converted (what `JSON.stringify` writes). */
  toJSON(): Report
  /** The core's report JSON, byte for byte, as evaluated (changes to the objects are not in it). */
  json(): string
}

/** One test report: a path, bytes, flowready Evidence, or a named report. */
export type EvidenceInput =
  | string
  | URL
  | Uint8Array
  | Evidence
  | { name: string; content: string | Uint8Array; format?: EvidenceFormatName }

/** An evidence format name (`playwright`, `junit`, `flowready`, and their aliases). */
export type EvidenceFormatName = 'playwright' | 'playwright_json' | 'junit' | 'junit_xml' | 'xml' | 'flowready' | (string & {})

/** Parses a matrix document (text or UTF-8 bytes). Never throws on a bad document: problems are `findings`. */
export declare function parse(text: string | Uint8Array): Matrix
/** Reads (UTF-8) and parses the matrix at `path`. A missing file throws ENOENT. */
export declare function loadMatrix(path: string | URL): Matrix
/** Reads the matrix at `path` and parses it on a worker thread. */
export declare function loadMatrixAsync(path: string | URL): Promise<Matrix>
/** Every flow's decision, reasons, findings and the scoped gate. */
export declare function evaluate(textOrMatrix: MatrixSource, options?: Options | null): EvaluatedReport
/** The core's report JSON, byte for byte, without building JavaScript objects. */
export declare function evaluateJson(textOrMatrix: MatrixSource, options?: Options | null): string
/** `evaluate` with test evidence: a flow in scope is ready only if its required subpaths passed. */
export declare function evaluateWithEvidence(
  textOrMatrix: MatrixSource,
  options: Options | null | undefined,
  evidence: EvidenceInput | EvidenceInput[],
): EvaluatedReport & { evidence: NonNullable<Report['evidence']> }
/** Reads test reports (Playwright JSON, JUnit XML, flowready evidence) into flowready evidence. */
export declare function readEvidence(pathOrBuffer: EvidenceInput | EvidenceInput[], format?: EvidenceFormatName | null): Evidence
/** The `Broad UAT Decision` section for the matrix, from `report` (else evaluated with `options`). */
export declare function decisionSection(textOrMatrix: MatrixSource, report?: Report | null, options?: Options | null): string
/** Why a flow has its decision and what would make it ready. An unknown ID throws UnknownFlowError. */
export declare function explain(textOrMatrix: MatrixSource, flowId: string, options?: Options | null): Explanation
/** What changed between two versions of a matrix. */
export declare function diff(oldTextOrMatrix: MatrixSource, newTextOrMatrix: MatrixSource, options?: Options | null): MatrixDiff
/** The JSON Schemas of the model, the report, the options and the evidence. */
export declare function schemas(): Schemas
/** Adds `column_utf16` to every finding of `target` (a Report, an Explanation, a Matrix or findings); returns it. */
export declare function withUtf16Columns<T extends { findings: Finding[] } | Finding[]>(textOrMatrix: MatrixSource, target: T): T
/** Today's date in UTC, `YYYY-MM-DD`. */
export declare function todayUtc(): string
/** Every subpath name, in matrix column order. */
export declare const SUBPATHS: readonly Subpath[]

/** Playwright test details naming a flow, its subpaths and UAT rows. */
export interface FlowDetails {
  tag: string[]
  annotation: Array<{ type: string; description?: string }>
}
/**
 * Test details for `test(title, flow('FLOW-…', 'negative', { uat: 'UAT-…' }), body)`. An
 * unknown subpath throws UnknownSubpathError (with a did-you-mean) when the spec loads.
 */
export declare function flow(
  flowId: string,
  subpaths?: Subpath | `@${Subpath}` | 'env' | 'fixtures' | Array<Subpath | `@${Subpath}` | 'env' | 'fixtures'> | null,
  details?: { uat?: string | string[]; tag?: string | string[]; annotation?: FlowDetails['annotation'][number] | FlowDetails['annotation'] },
): FlowDetails
/**
 * Throws FlowNotReadyError (with the flow's reasons) unless the flow is ready or an
 * accepted gap; `today` defaults to the current UTC date. Returns the flow's verdict.
 */
export declare function expectFlowReady(matrixPath: string | URL, flowId: string, options?: Options | null): FlowReport

/** Base class of every error flowready throws on purpose. */
export declare class FlowreadyError extends Error {
  /** Stable: `ERR_FLOWREADY_OPTIONS`, `ERR_FLOWREADY_EVIDENCE`, … */
  code: string
}
/** `ERR_FLOWREADY_OPTIONS`: an unknown key, a bad date, level or priority. */
export declare class OptionsError extends FlowreadyError {
  code: 'ERR_FLOWREADY_OPTIONS'
}
/** `ERR_FLOWREADY_EVIDENCE`: a report that cannot be read, and where. */
export declare class EvidenceError extends FlowreadyError {
  code: 'ERR_FLOWREADY_EVIDENCE'
  /** The report's name (its path, or the `name` given). */
  source: string
  /** 1-based line, when known. */
  line?: number | null
  /** 1-based column (bytes for XML, characters for JSON), when known. */
  column?: number | null
  /** 0-based byte offset, when known. */
  byte?: number | null
}
/** `ERR_FLOWREADY_UNKNOWN_FORMAT`: an evidence format name that is not one. */
export declare class UnknownFormatError extends FlowreadyError {
  code: 'ERR_FLOWREADY_UNKNOWN_FORMAT'
  format: string
}
/** `ERR_FLOWREADY_UNKNOWN_FLOW`: a flow ID the matrix does not have. */
export declare class UnknownFlowError extends FlowreadyError {
  code: 'ERR_FLOWREADY_UNKNOWN_FLOW'
  flow: string
  /** The nearest flow ID, if one is close. */
  suggestion: string | null
}
/** `ERR_FLOWREADY_UNKNOWN_SUBPATH`: a subpath name that is not one. */
export declare class UnknownSubpathError extends FlowreadyError {
  code: 'ERR_FLOWREADY_UNKNOWN_SUBPATH'
  subpath: string
  suggestion: Subpath | null
  expected: Subpath[]
}
/** `ERR_FLOWREADY_REPORT`: `decisionSection` was given something that is not a report. */
export declare class ReportError extends FlowreadyError {
  code: 'ERR_FLOWREADY_REPORT'
}
/** `ERR_FLOWREADY_SERIALIZE`: a value could not be serialised (should not happen). */
export declare class SerializeError extends FlowreadyError {
  code: 'ERR_FLOWREADY_SERIALIZE'
}
/** `ERR_FLOWREADY_NOT_READY`: `expectFlowReady` on a blocked flow. */
export declare class FlowNotReadyError extends FlowreadyError {
  code: 'ERR_FLOWREADY_NOT_READY'
  flow: string
  decision: FlowReport['decision']
  reasons: FlowReport['reasons']
  to_make_ready: string[]
}
