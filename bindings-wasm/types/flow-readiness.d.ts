// Hand-written declarations for the <flow-readiness> element (www/flow-readiness.js).
import type { MatrixModel, Report } from './flowready_wasm';

/** A test report already in memory: its name (used as each test's `source`) and text. */
export interface EvidenceInput { name: string; content: string; format?: 'playwright' | 'junit' | 'flowready' }

/** Loads the lean WebAssembly module (parse, evaluate) once per page. */
export function ready(): Promise<unknown>;

/** Loads the complete module (evidence readers included) once per page, on first use. */
export function readyFull(): Promise<typeof import('./flowready_wasm_web')>;

/**
 * Shows each flow's broad-UAT readiness. Attributes: `src`, `evidence`, `today`,
 * `min-level`, `scope`, `strict`, `theme`, `no-hash` (see docs/wasm.md).
 */
export class FlowReadiness extends HTMLElement {
  static observedAttributes: string[];
  /** Matrix text; when set, it is shown instead of `src`. */
  text: string | null;
  /** Reports added to the `evidence` URLs. */
  evidenceReports: EvidenceInput[];
  /** The last render's report and model (null before the first, or after an error). */
  readonly report: Report | null;
  readonly model: MatrixModel | null;
}

declare global {
  interface HTMLElementTagNameMap { 'flow-readiness': FlowReadiness }
  interface HTMLElementEventMap {
    'flowready-render': CustomEvent<{ report: Report; model: MatrixModel }>;
    'flowready-error': CustomEvent<{ error: Error & { code?: string } }>;
  }
}
