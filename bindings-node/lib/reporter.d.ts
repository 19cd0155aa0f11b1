// Types of `flowready/reporter`.
import type { FullConfig, FullResult, Reporter, Suite } from '@playwright/test/reporter'
import type { Options, Report } from '../index'

declare namespace FlowreadyReporter {
  /** The reporter's options: `['flowready/reporter', { matrix: 'matrix.md', scope: 'P0' }]`. */
  interface ReporterOptions extends Options {
    /** The coverage matrix, relative to the config file's directory. Required. */
    matrix: string
    /**
     * Fail the run (`{ status: 'failed' }` from `onEnd`) when the gate fails. Default
     * true. A shard's run is never gated (its evidence is partial) unless `'always'`.
     */
    gate?: boolean | 'always'
    /**
     * Where to write the evidence JSON (default `flowready-evidence.json`). `{shard}` and
     * `{total}` are filled in; a sharded run without them gets `-shard-I-of-N`.
     */
    output?: string
    /** Print the per-flow summary (default true; a failing gate always prints). */
    summary?: boolean
  }
}

/** Gates a Playwright run on flow coverage; see docs/node.md. */
declare class FlowreadyReporter implements Reporter {
  constructor(options: FlowreadyReporter.ReporterOptions)
  onBegin(config: FullConfig, suite: Suite): void
  onEnd(result: FullResult): Promise<{ status: 'failed' } | undefined>
  printsToStdio(): boolean
  /** The report of the last gate, after `onEnd`. */
  report?: Report
  static default: typeof FlowreadyReporter
}
export = FlowreadyReporter
