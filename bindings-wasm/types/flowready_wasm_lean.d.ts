/* tslint:disable */
/* eslint-disable */
/** A coverage level, `L0` (journey written down) to `L5` (cleanup and audit evidence). */
export type Level = "L0" | "L1" | "L2" | "L3" | "L4" | "L5";
/** A flow's priority, from its `Priority` column or the heading above its table. */
export type Priority = `P${number}`;
/** A flow's status as the matrix states it. */
export type Status =
| "ready_for_broad_uat" | "blocked" | "accepted_gap" | "needs_coverage"
| "needs_design" | "needs_contract" | "needs_fixture" | "needs_env_fix";
/** The computed decision for a flow. */
export type Decision = "ready" | "accepted_gap" | "blocked";
/** A finding's severity. */
export type Severity = "error" | "warning" | "info";
/** A subpath that evidence can prove. */
export type Subpath =
| "happy" | "empty" | "blocked" | "recovery" | "negative" | "cleanup" | "fixture" | "environment";
/** The coverage state of one subpath of one flow. */
export type CoverageState = "passed" | "flaky" | "failed" | "skipped" | "missing" | "waived";
/** How a test ended, after retries. */
export type Outcome = "passed" | "flaky" | "failed" | "skipped" | "xfailed";

/** The options JSON's keys; every key is optional. */
export interface Options {
    /** The day expiry is judged against (`YYYY-MM-DD`, UTC); without it expiry is not checked. */
    today?: string | null;
    /** The gate threshold; default: the level the document states, else `L3`. */
    min_level?: Level | null;
    /** Turn every warning into an error. */
    strict?: boolean;
    /** Warn this many days before an exception expires (default 14). */
    expiry_warning_days?: number;
    /** Gate only flows of this priority. */
    scope?: Priority | null;
    /** Gate only these flows. */
    flows?: string[];
}

/** A byte range with the 1-based line and column (Unicode scalar values) of its start. */
export interface Span { start: number; end: number; line: number; column: number; }

/** One diagnostic. */
export interface Finding {
    code: string;
    rule: string;
    severity: Severity;
    message: string;
    help: string;
    flow: string | null;
    line: number;
    column: number;
    span: Span;
}

/** Why a flow got its decision. */
export interface Reason {
    code: string | null;
    message: string;
    cell: string | null;
    line: number;
    column: number;
    fix: string | null;
}

/** One flow's verdict. */
export interface FlowReport {
    id: string;
    priority: Priority | null;
    level: Level | null;
    status: Status | null;
    decision: Decision;
    reasons: Reason[];
    line: number;
}

/** A test as the evidence grid names it. */
export interface TestRef {
    name: string;
    file?: string;
    outcome: Outcome;
    reason?: string;
    source?: string;
}

/** The coverage of one subpath of one flow. */
export interface SubpathCoverage {
    state: CoverageState;
    required: boolean;
    tests: TestRef[];
    waiver?: { line: number; expiry: string; owners: string[] };
}

/** Coverage of one flow. */
export interface FlowCoverage {
    judged: boolean;
    subpaths: Partial<Record<Subpath, SubpathCoverage>>;
    missing_uat_rows: string[];
}

/** Coverage per flow and subpath (a report's `evidence`). */
export interface EvidenceReport {
    tests: number;
    unlabelled_tests: number;
    flows: Record<string, FlowCoverage>;
    unknown_flows: { flow: string; tests: TestRef[] }[];
    unmapped_uat_rows: { uat_row: string; flows: string[]; tests: TestRef[] }[];
}

/** Everything flowready concludes about a matrix: the report JSON contract. */
export interface Report {
    version: number;
    options: {
        today: string | null;
        min_level: Level;
        min_level_source: "option" | "document" | "default";
        strict: boolean;
        expiry_warning_days: number;
    };
    decision: { ready: string[]; accepted_gap: string[]; blocked: string[] };
    flows: FlowReport[];
    findings: Finding[];
    summary: {
        flows: number; ready: number; accepted_gap: number; blocked: number;
        errors: number; warnings: number; infos: number;
    };
    gate: { scope: string; flows: string[]; unknown_flows: string[]; blocked: string[]; passed: boolean };
    /** Present only with evidence. */
    evidence?: EvidenceReport;
}

/** One test result from a report, and what it proves. */
export interface TestRecord {
    name: string;
    file?: string;
    line?: number;
    outcome: Outcome;
    reason?: string;
    flows: { flow: string; subpaths: Subpath[] }[];
    uat_rows: string[];
    source?: string;
}

/** Evidence read from test reports: flowready's own evidence JSON. */
export interface Evidence {
    format: "flowready-evidence";
    version: number;
    tool?: string;
    tests: TestRecord[];
    unlabelled_tests: number;
}

/** A gap task named in a Gap Task cell. */
export interface GapTask { id: string; closed: boolean; span: Span; }

/** One cell of a row, verbatim (code spans without backticks). */
export interface Cell { column: string; known: string | null; text: string; span: Span; }

/** A flow row of the parsed matrix. */
export interface ModelFlow {
    id: string;
    priority: Priority | null;
    level: Level | null;
    status: Status | null;
    entry_points: string[];
    automation_anchors: string[];
    uat_rows: string[];
    owners: string[];
    gap_tasks: GapTask[];
    cells: Cell[];
    table: number;
    line: number;
    span: Span;
}

/** A bullet of the declared `Broad UAT Decision` section. */
export interface DeclaredEntry { flow: string; bucket: Decision; note: string | null; span: Span; }

/** The parsed matrix (`parse`): the core's model JSON. */
export interface MatrixModel {
    title: string | null;
    metadata: { key: string; value: string; line: number }[];
    stated_min_level: Level | null;
    level_definitions: { name: string; text: string; line: number }[];
    status_definitions: { name: string; text: string; line: number }[];
    tables: {
        heading: string | null;
        heading_priority: Priority | null;
        columns: { header: string; known: string | null; span: Span }[];
        span: Span;
    }[];
    flows: ModelFlow[];
    gaps: {
        priority: Priority | null; gap: string; classification: string; owners: string[];
        tasks: string[]; detected_by: string | null; expected_gate: string | null;
        cells: Cell[]; line: number; span: Span;
    }[];
    exceptions: {
        flow: string; owners: string[]; reason: string; expiry: string | null;
        follow_up: string[]; subpath: Subpath | null; cells: Cell[]; line: number; span: Span;
    }[];
    declared_decision: {
        ready: string[]; accepted_gap: string[]; blocked: string[];
        entries: DeclaredEntry[];
        lead_ins: { bucket: Decision; text: string; span: Span }[];
    } | null;
    findings: Finding[];
}

/** Why a flow has its decision and what would make it ready (`explain`). */
export interface Explanation {
    flow: FlowReport;
    declared: Decision | null;
    gap_tasks: GapTask[];
    findings: Finding[];
    to_make_ready: string[];
    /** What would make the document consistent without making the flow ready (a finding's other way out; fixes of warnings and of drift). */
    to_make_consistent: string[];
}

/** A flow's level, status and decision, as `diff` compares them. */
export interface FlowState { id: string; level: Level | null; status: Status | null; decision: Decision; }

/** What changed between two versions of a matrix (`diff`). */
export interface MatrixDiff {
    added: FlowState[];
    removed: FlowState[];
    changed: { id: string; old: FlowState; new: FlowState; changed: string[] }[];
    old_counts: { ready: number; accepted_gap: number; blocked: number };
    new_counts: { ready: number; accepted_gap: number; blocked: number };
}

/** The errors this package throws: a core error code and the core's message. */
export interface FlowreadyError extends Error {
    name: "FlowreadyError";
    code: "options" | "serialize" | "evidence" | "unknown_flow" | "unknown_format";
    /** `unknown_flow`: the ID asked for, and the nearest ID the matrix has. */
    flow?: string;
    suggestion?: string | null;
    /** `evidence`: the report's name and the position of the problem, when known. */
    file?: string;
    line?: number;
    column?: number;
}



/**
 * Parses and evaluates a matrix: the report (`decision`, `flows`, `findings`,
 * `summary`, `gate`). `options` is an object with the options JSON's keys (`today`,
 * `min_level`, `strict`, `expiry_warning_days`, `scope`, `flows`), its JSON text, or
 * absent.
 */
export function evaluate(text: string, options?: Options | string | null): Report;

/**
 * The core's JSON twin: the report as JSON text, byte for byte what the CLI's `--format
 * json` and every other surface produce. `options` is the options JSON text.
 */
export function evaluateJson(text: string, options: string): string;

/**
 * Parses a matrix into its model: the same object as the core's `parse_json` (title,
 * tables, flows with their cells and spans, gaps, exceptions, the declared decision,
 * parse findings). Never throws for a bad matrix: problems are `findings`.
 */
export function parse(text: string): MatrixModel;

/**
 * The 1-based UTF-16 column of byte `offset` (a finding's `span.start`) in `text`, as
 * JavaScript strings and editors count it.
 */
export function utf16Column(text: string, offset: number): number;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly evaluate: (a: number, b: number, c: number) => [number, number, number];
    readonly evaluateJson: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly parse: (a: number, b: number) => [number, number, number];
    readonly utf16Column: (a: number, b: number, c: number) => number;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
