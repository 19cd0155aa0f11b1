// <flow-readiness>: a framework-free web component that shows each flow's broad-UAT
// readiness, computed in the reader's browser by flowready (WebAssembly) from the matrix
// itself. Load it with one module script and point it at a matrix:
//
//   <script type="module" src="/flowready/flow-readiness.js"></script>
//   <flow-readiness src="/quality/matrix.md" scope="P0"></flow-readiness>
//
// Safety: every piece of matrix or report text is inserted with createTextNode /
// textContent, never as HTML. Nothing is fetched but the `src` and `evidence` URLs, and
// the WebAssembly beside this module: the lean build (pkg/flowready_wasm_lean.js, parse
// and evaluate) on every page, the complete one (pkg/flowready_wasm.js, with the evidence
// readers) only when the element is given evidence.
import init, { evaluate, parse } from './pkg/flowready_wasm_lean.js';

const LEVELS = ['L0', 'L1', 'L2', 'L3', 'L4', 'L5'];
const SUBPATHS = ['happy', 'empty', 'blocked', 'recovery', 'negative', 'cleanup', 'fixture', 'environment'];
const DECISIONS = ['ready', 'accepted_gap', 'blocked'];
const LABEL = { ready: 'Ready', accepted_gap: 'Accepted gap', blocked: 'Blocked' };
const ICON = { ready: '\u2713', accepted_gap: '\u2248', blocked: '\u2715' };
const STATE_ICON = { passed: '\u2713', flaky: '\u21bb', failed: '\u2715', skipped: '\u2212', missing: '?', waived: 'W' };
const DRIFT_CODES = new Set(['FR501', 'FR502', 'FR503', 'FR504']);
const FILTER_KEYS = ['priority', 'decision', 'owner', 'q'];

let wasmReady;
/** Loads the lean WebAssembly module once per page (pkg/flowready_wasm_lean_bg.wasm). */
export function ready() {
  wasmReady ??= init();
  return wasmReady;
}

let fullReady;
/**
 * Loads the complete module (evidence readers included) once per page, on first use: only
 * an element with evidence needs it, so a page without evidence never downloads it.
 */
export function readyFull() {
  fullReady ??= import('./pkg/flowready_wasm.js').then(async (full) => {
    await full.default();
    return full;
  });
  return fullReady;
}

/** Builds an element. Strings and numbers become text nodes; nothing is parsed as HTML. */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style') Object.assign(el.style, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Message text with its `backticked` parts as <code> elements (still text nodes only). */
function rich(text) {
  return String(text).split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part)).filter((p) => p !== '');
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Removes the indentation every non-blank line of inline matrix text shares. */
function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

const STYLE = `
:host {
  color-scheme: light dark;
  display: block;
  container: fr / inline-size;
  --_bg: var(--fr-bg, transparent);
  --_surface: var(--fr-surface, light-dark(#f6f8fa, #151b23));
  --_raised: var(--fr-raised, light-dark(#ffffff, #0d1117));
  --_fg: var(--fr-fg, light-dark(#1f2328, #e6edf3));
  --_muted: var(--fr-muted, light-dark(#59636e, #9198a1));
  --_border: var(--fr-border, light-dark(#d1d9e0, #3d444d));
  --_accent: var(--fr-accent, light-dark(#0969da, #4493f8));
  --_ready: var(--fr-ready, light-dark(#1a7f37, #3fb950));
  --_ready-bg: var(--fr-ready-bg, light-dark(#dafbe1, rgb(46 160 67 / 0.16)));
  --_accepted: var(--fr-accepted, light-dark(#9a6700, #d29922));
  --_accepted-bg: var(--fr-accepted-bg, light-dark(#fff8c5, rgb(187 128 9 / 0.18)));
  --_blocked: var(--fr-blocked, light-dark(#cf222e, #f85149));
  --_blocked-bg: var(--fr-blocked-bg, light-dark(#ffebe9, rgb(248 81 73 / 0.16)));
  --_radius: var(--fr-radius, 10px);
  --_font: var(--fr-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --_mono: var(--fr-mono, ui-monospace, "SFMono-Regular", "Cascadia Code", Menlo, Consolas, monospace);
  font: 14px/1.5 var(--_font);
  color: var(--_fg);
}
:host([theme="light"]) { color-scheme: light; }
:host([theme="dark"]) { color-scheme: dark; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.root { background: var(--_bg); display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
code, .mono { font-family: var(--_mono); font-size: 0.92em; }
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }

.head { display: flex; flex-wrap: wrap; align-items: flex-start; justify-content: space-between; gap: 12px 24px; }
.title { margin: 0; font-size: 1.25rem; line-height: 1.3; font-weight: 650; letter-spacing: -0.01em; }
.meta { color: var(--_muted); font-size: 0.86rem; margin-top: 2px; }
.verdict { display: flex; align-items: center; gap: 10px; padding: 8px 14px 8px 10px; border-radius: 999px;
  border: 1px solid; font-weight: 600; }
.verdict .dot { display: grid; place-items: center; width: 26px; height: 26px; border-radius: 50%; color: var(--_raised);
  font-size: 0.9rem; }
.verdict small { display: block; font-weight: 400; color: var(--_muted); font-size: 0.8rem; line-height: 1.2; }
.verdict[data-passed="true"] { border-color: var(--_ready); background: var(--_ready-bg); }
.verdict[data-passed="true"] .dot { background: var(--_ready); }
.verdict[data-passed="false"] { border-color: var(--_blocked); background: var(--_blocked-bg); }
.verdict[data-passed="false"] .dot { background: var(--_blocked); }

.cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; }
.card { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 12px 14px;
  border-top: 4px solid var(--_c, var(--_border)); }
.card .n { font-size: 1.9rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; color: var(--_c, var(--_fg)); }
.card .l { color: var(--_muted); font-size: 0.85rem; }
.card[data-kind="ready"] { --_c: var(--_ready); }
.card[data-kind="accepted_gap"] { --_c: var(--_accepted); }
.card[data-kind="blocked"] { --_c: var(--_blocked); }
.card[data-kind="findings"] .n { font-size: 1.05rem; padding-top: 0.45rem; line-height: 1.45; }
.bar { display: flex; height: 8px; border-radius: 999px; overflow: hidden; background: var(--_border); grid-column: 1 / -1; }
.bar span { display: block; height: 100%; }
.bar .ready { background: var(--_ready); }
.bar .accepted_gap { background: var(--_accepted); }
.bar .blocked { background: var(--_blocked); }

.panel { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 12px 16px; background: var(--_surface); }
.panel h3 { margin: 0 0 6px; font-size: 1rem; display: flex; align-items: center; gap: 8px; }
.panel p { margin: 0 0 8px; color: var(--_muted); }
.panel ul { margin: 0; padding-left: 1.2em; }
.panel li { margin: 4px 0; }
.drift { border-color: var(--_accepted); background: var(--_accepted-bg); border-left-width: 6px; }
.drift h3::before, .error h3::before { content: "!"; display: grid; place-items: center; width: 22px; height: 22px;
  border-radius: 50%; background: var(--_accepted); color: var(--_raised); font-size: 0.85rem; }
.error { border-color: var(--_blocked); background: var(--_blocked-bg); border-left-width: 6px; }
.error h3::before { background: var(--_blocked); }
.loading { color: var(--_muted); padding: 24px; text-align: center; }

.filters { display: flex; flex-wrap: wrap; gap: 8px 10px; align-items: end; }
.filters label { display: grid; gap: 2px; font-size: 0.78rem; color: var(--_muted); font-weight: 600; text-transform: uppercase;
  letter-spacing: 0.04em; }
.filters input, .filters select { min-height: 34px; padding: 4px 10px; border: 1px solid var(--_border); border-radius: 8px;
  background: var(--_raised); text-transform: none; letter-spacing: normal; font-weight: 400; font-size: 0.9rem; color: var(--_fg); }
.filters .q { flex: 1 1 220px; }
.filters .q input { width: 100%; }
.filters .count { margin-left: auto; color: var(--_muted); font-size: 0.85rem; align-self: center; }
.filters button.reset { min-height: 34px; padding: 4px 12px; border: 1px solid var(--_border); border-radius: 8px;
  background: transparent; cursor: pointer; }

.tablewrap { border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; background: var(--_raised); }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; padding: 10px 14px; font-weight: 600; border-bottom: 1px solid var(--_border);
  background: var(--_surface); }
caption span { color: var(--_muted); font-weight: 400; }
th, td { padding: 10px 12px; text-align: left; vertical-align: top; }
thead th { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--_muted);
  border-bottom: 1px solid var(--_border); font-weight: 600; white-space: nowrap; }
tbody tr.flow { border-top: 1px solid var(--_border); }
tbody tr.flow:first-child { border-top: 0; }
tbody tr.flow:hover { background: var(--_surface); }
tbody tr.flow[data-decision="blocked"] > th { box-shadow: inset 3px 0 var(--_blocked); }
tbody tr.flow[data-decision="accepted_gap"] > th { box-shadow: inset 3px 0 var(--_accepted); }
tbody tr.flow[data-decision="ready"] > th { box-shadow: inset 3px 0 var(--_ready); }
th[scope="row"] { font-weight: 400; }
.expand { display: inline-flex; align-items: flex-start; gap: 6px; border: 0; background: none; padding: 2px 4px; margin: -2px -4px;
  border-radius: 6px; cursor: pointer; text-align: left; }
.expand:hover .id { text-decoration: underline; }
.chev { display: inline-block; transition: transform 0.15s; color: var(--_muted); width: 1em; flex: none; }
.expand[aria-expanded="true"] .chev { transform: rotate(90deg); }
.id { font-family: var(--_mono); font-weight: 600; font-size: 0.86rem; word-break: break-all; }
.prio { display: inline-block; margin-left: 22px; margin-top: 2px; font-size: 0.72rem; font-weight: 700; color: var(--_muted);
  border: 1px solid var(--_border); border-radius: 4px; padding: 0 5px; }

.badge { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; border-radius: 999px; padding: 2px 10px 2px 8px;
  font-weight: 600; font-size: 0.82rem; }
.badge[data-decision="ready"] { color: var(--_ready); background: var(--_ready-bg); }
.badge[data-decision="accepted_gap"] { color: var(--_accepted); background: var(--_accepted-bg); }
.badge[data-decision="blocked"] { color: var(--_blocked); background: var(--_blocked-bg); }
.declared { display: block; margin-top: 6px; font-size: 0.78rem; color: var(--_accepted); font-weight: 600; }

.ladder { display: flex; align-items: center; gap: 8px; }
.steps { display: inline-flex; gap: 3px; position: relative; }
.step { width: 12px; height: 16px; border-radius: 3px; background: var(--_border); position: relative; }
.step.on { background: var(--_lc); }
.step.thr::before { content: ""; position: absolute; left: -3px; top: -4px; bottom: -4px; width: 2px; border-radius: 1px;
  background: var(--_fg); }
.ladder { --_lc: var(--_ready); }
.ladder[data-below="true"] { --_lc: var(--_blocked); }
.lvl { font-family: var(--_mono); font-weight: 600; font-size: 0.86rem; min-width: 2ch; }

.status { font-family: var(--_mono); font-size: 0.8rem; padding: 1px 6px; border-radius: 5px; background: var(--_surface);
  border: 1px solid var(--_border); white-space: nowrap; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; margin: 0; padding: 0; list-style: none; }
.chip { font-size: 0.8rem; padding: 1px 8px; border-radius: 999px; background: var(--_surface); border: 1px solid var(--_border);
  white-space: nowrap; }
.task { font-family: var(--_mono); font-size: 0.78rem; word-break: break-all; }
.task.closed { text-decoration: line-through; color: var(--_muted); }
.none { color: var(--_muted); }

tr.detail > td { background: var(--_surface); border-top: 1px dashed var(--_border); padding: 14px 16px 18px; }
.dgrid { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 14px 24px; }
.dgrid h4 { margin: 0 0 6px; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--_muted); }
.dgrid ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 8px; }
.item { display: grid; gap: 2px; overflow-wrap: anywhere; }
.dgrid dd, .sgrid .tests { overflow-wrap: anywhere; }
.item .msg code { background: var(--_raised); border-radius: 4px; padding: 0 3px; }
.item .sub { color: var(--_muted); font-size: 0.82rem; }
.loc { font-family: var(--_mono); font-size: 0.76rem; color: var(--_muted); white-space: nowrap; }
.code { font-family: var(--_mono); font-size: 0.74rem; font-weight: 700; padding: 0 5px; border-radius: 4px; margin-right: 6px;
  border: 1px solid currentColor; }
.sev-error { color: var(--_blocked); }
.sev-warning { color: var(--_accepted); }
.sev-info { color: var(--_muted); }
.zero { color: var(--_muted) !important; font-weight: 500; }
.wide { grid-column: 1 / -1; }

.grid { border-collapse: separate; border-spacing: 3px; width: auto; }
.grid th, .grid td { padding: 4px 6px; font-size: 0.8rem; }
.grid .id { word-break: normal; white-space: nowrap; }
.grid tbody th { position: sticky; left: 0; z-index: 1; background: var(--_surface); }
.grid thead th { border: 0; text-transform: none; letter-spacing: 0; font-family: var(--_mono); font-size: 0.74rem; }
.state { display: inline-flex; align-items: center; justify-content: center; gap: 4px; min-width: 72px; padding: 2px 8px; border-radius: 6px;
  font-size: 0.76rem; font-weight: 600; white-space: nowrap; background: var(--_surface); color: var(--_muted); border: 1px solid var(--_border); }
.state[data-state="passed"] { color: var(--_ready); background: var(--_ready-bg); border-color: transparent; }
.state[data-state="flaky"], .state[data-state="waived"] { color: var(--_accepted); background: var(--_accepted-bg); border-color: transparent; }
.state[data-state="failed"], .state[data-state="missing"] { color: var(--_blocked); background: var(--_blocked-bg); border-color: transparent; }
.state[data-state="skipped"] { color: var(--_accepted); border-style: dashed; }
.state[data-required="false"] { opacity: 0.6; }
.sgrid { display: grid; grid-template-columns: auto 1fr; gap: 6px 10px; align-items: start; }
.sgrid dd { margin: 0; }
.sgrid .tests { margin: 0; padding: 0; list-style: none; display: grid; gap: 2px; font-size: 0.82rem; }
.scroll { overflow-x: auto; }
details.all > summary { cursor: pointer; font-weight: 600; }
details.all ul { margin-top: 8px; }
.foot { color: var(--_muted); font-size: 0.78rem; }
.empty-row td { text-align: center; color: var(--_muted); padding: 24px; }

@container fr (max-width: 760px) {
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .filters .count { margin-left: 0; width: 100%; }
  .tablewrap { border: 0; background: transparent; overflow: visible; }
  table.flows, table.flows > tbody { display: block; }
  table.flows > caption { display: block; border: 1px solid var(--_border); border-radius: var(--_radius); margin-bottom: 8px; }
  table.flows > thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tbody tr.flow { display: grid; grid-template-columns: 1fr auto; gap: 8px 12px; padding: 12px 14px; margin-top: 10px;
    border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_raised); }
  tbody tr.flow:first-child { border-top: 1px solid var(--_border); }
  tbody tr.flow > * { display: block; padding: 0; }
  tbody tr.flow > th { grid-column: 1 / -1; box-shadow: none !important; }
  tbody tr.flow > td[data-label]::before { content: attr(data-label); display: block; font-size: 0.7rem; color: var(--_muted);
    text-transform: uppercase; letter-spacing: 0.05em; font-weight: 600; }
  tbody tr.flow[data-decision="blocked"] { border-left: 4px solid var(--_blocked); }
  tbody tr.flow[data-decision="accepted_gap"] { border-left: 4px solid var(--_accepted); }
  tbody tr.flow[data-decision="ready"] { border-left: 4px solid var(--_ready); }
  tr.detail { display: block; margin-top: -6px; }
  tr.detail[hidden] { display: none; }
  tr.detail > td { display: block; border: 1px solid var(--_border); border-top: 0; border-radius: 0 0 var(--_radius) var(--_radius); }
  .empty-row, .empty-row td { display: block; }
  .sgrid[part="subpaths"] { grid-template-columns: minmax(0, 1fr); }
  .sgrid[part="subpaths"] .state { justify-self: start; }
  .grid .state { min-width: 0; }
}
@container fr (max-width: 420px) {
  .cards { gap: 8px; }
  .card { padding: 8px 10px; }
  .card .n { font-size: 1.5rem; }
  .verdict { width: 100%; border-radius: var(--_radius); }
}
@media (prefers-reduced-motion: reduce) { .chev { transition: none; } }
`;

let sheet;
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

/**
 * The <flow-readiness> element. Attributes: `src` (matrix URL), `evidence` (report URLs,
 * space-separated), `today` (YYYY-MM-DD; default: the current UTC date), `min-level`,
 * `scope` (`P0`, `P1`, … or `all`), `strict`, `theme` (`light`/`dark`), `no-hash`.
 * Properties: `text` (matrix text; beats `src`), `evidenceReports` (`[{name, content}]`),
 * and the read-only `report` and `model` of the last render.
 */
export class FlowReadiness extends HTMLElement {
  static observedAttributes = ['src', 'evidence', 'today', 'min-level', 'scope', 'strict'];

  #text = null;
  #evidenceReports = [];
  #scheduled = false;
  #generation = 0;
  #filters = { priority: '', decision: '', owner: '', q: '' };
  #open = new Set();
  #view = null;
  #observer = null;
  #hashListener = () => this.#onHash();
  report = null;
  model = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styleSheet()];
  }

  get text() { return this.#text; }
  set text(value) { this.#text = value == null ? null : String(value); this.#schedule(); }
  get evidenceReports() { return this.#evidenceReports; }
  set evidenceReports(value) { this.#evidenceReports = Array.isArray(value) ? value : []; this.#schedule(); }

  connectedCallback() {
    this.#readHash();
    window.addEventListener('hashchange', this.#hashListener);
    this.#observer = new MutationObserver(() => this.#schedule());
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    this.#schedule();
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.#hashListener);
    this.#observer?.disconnect();
  }

  attributeChangedCallback() { this.#schedule(); }

  /** Re-renders once per microtask, however many attributes changed. */
  #schedule() {
    if (this.#scheduled || !this.isConnected) return;
    this.#scheduled = true;
    queueMicrotask(() => { this.#scheduled = false; this.#render(); });
  }

  #hashKey(key) { return this.id ? `${this.id}.${key}` : key; }

  #readHash() {
    if (this.hasAttribute('no-hash')) return;
    const params = new URLSearchParams(location.hash.slice(1));
    for (const key of FILTER_KEYS) this.#filters[key] = params.get(this.#hashKey(key)) ?? '';
    const open = params.get(this.#hashKey('open'));
    this.#open = new Set(open ? open.split(',') : []);
  }

  #onHash() {
    this.#readHash();
    if (this.#view) { this.#syncControls(); this.#applyFilters(); this.#applyOpen(); }
  }

  #writeHash() {
    if (this.hasAttribute('no-hash')) return;
    const raw = location.hash.slice(1);
    const params = new URLSearchParams(raw.includes('=') ? raw : '');
    for (const key of FILTER_KEYS) {
      if (this.#filters[key]) params.set(this.#hashKey(key), this.#filters[key]);
      else params.delete(this.#hashKey(key));
    }
    if (this.#open.size) params.set(this.#hashKey('open'), [...this.#open].join(','));
    else params.delete(this.#hashKey('open'));
    const hash = params.toString();
    if (hash === raw) return;
    history.replaceState(history.state, '', hash ? `#${hash}` : location.pathname + location.search);
  }

  #inlineText() {
    const script = this.querySelector('script[type="text/markdown"], script[type="text/x-markdown"]');
    return script ? dedent(script.textContent) : null;
  }

  async #fetchText(url, what) {
    let response;
    try {
      response = await fetch(new URL(url, document.baseURI));
    } catch (e) {
      throw Object.assign(new Error(`could not fetch the ${what} \`${url}\`: ${e.message}`), { code: 'fetch' });
    }
    if (!response.ok) {
      throw Object.assign(new Error(`could not fetch the ${what} \`${url}\`: HTTP ${response.status} ${response.statusText}`.trim()), { code: 'fetch' });
    }
    return response.text();
  }

  #options() {
    const options = { today: this.getAttribute('today') || todayUtc() };
    const min = this.getAttribute('min-level');
    if (min) options.min_level = min;
    const scope = this.getAttribute('scope');
    if (scope && scope.toLowerCase() !== 'all') options.scope = scope;
    if (this.hasAttribute('strict')) options.strict = true;
    return options;
  }

  async #render() {
    const generation = ++this.#generation;
    const stale = () => generation !== this.#generation;
    const src = this.getAttribute('src');
    if (!this.#view) this.#show(h('div', { class: 'loading', role: 'status', part: 'loading', text: 'Computing readiness\u2026' }));
    try {
      let text = this.#text ?? this.#inlineText();
      const source = this.#text != null || text != null ? 'inline text' : src;
      const urls = (this.getAttribute('evidence') ?? '').split(/\s+/).filter(Boolean);
      const extra = this.#evidenceReports;
      const withEvidence = urls.length > 0 || extra.length > 0;
      const [fetched, reports, , full] = await Promise.all([
        text == null && src ? this.#fetchText(src, 'matrix') : null,
        Promise.all(urls.map(async (url) => ({ name: url, content: await this.#fetchText(url, 'evidence report') }))),
        ready(),
        withEvidence ? readyFull() : null,
      ]);
      if (stale()) return;
      text ??= fetched;
      if (text == null) {
        throw Object.assign(new Error('no matrix: set the `src` attribute, or put the matrix in a <script type="text/markdown"> child'), { code: 'input' });
      }
      const all = [...reports, ...extra];
      const options = this.#options();
      let report;
      if (full) {
        const evidence = all.map((r) => full.readEvidence(r.name, r.content, r.format ?? undefined));
        report = full.evaluateWithEvidence(text, evidence, options);
      } else {
        report = evaluate(text, options);
      }
      const model = parse(text);
      this.report = report;
      this.model = model;
      this.#view = this.#build(report, model, source);
      this.#show(this.#view.root);
      performance.mark('flowready-rows-shown');
      this.#syncControls();
      this.#applyFilters();
      this.#applyOpen();
      this.dispatchEvent(new CustomEvent('flowready-render', { detail: { report, model }, bubbles: true, composed: true }));
    } catch (e) {
      if (stale()) return;
      this.report = null;
      this.model = null;
      this.#view = null;
      this.#show(this.#errorPanel(e));
      this.dispatchEvent(new CustomEvent('flowready-error', { detail: { error: e }, bubbles: true, composed: true }));
    }
  }

  #show(node) {
    this.shadowRoot.replaceChildren(node);
  }

  #errorPanel(e) {
    const code = e && e.code ? e.code : 'error';
    return h('div', { class: 'root', part: 'root' },
      h('section', { class: 'panel error', part: 'error', role: 'alert', dataset: { code } },
        h('h3', { text: 'flowready could not show this matrix' }),
        h('p', {}, String(e && e.message ? e.message : e)),
        h('p', {}, h('span', { class: 'code' }, code))));
  }

  #build(report, model, source) {
    const threshold = report.options.min_level;
    const thresholdIndex = LEVELS.indexOf(threshold);
    const flowsById = new Map(model.flows.map((f) => [f.id, f]));
    const declared = new Map((model.declared_decision?.entries ?? []).map((e) => [e.flow, e]));
    const findingsByFlow = new Map();
    for (const f of report.findings) {
      if (!f.flow) continue;
      if (!findingsByFlow.has(f.flow)) findingsByFlow.set(f.flow, []);
      findingsByFlow.get(f.flow).push(f);
    }
    const drift = report.findings.filter((f) => DRIFT_CODES.has(f.code));
    const staleFlows = new Set(drift.filter((f) => f.code === 'FR501').map((f) => f.flow));
    const missingFlows = new Set(drift.filter((f) => f.code === 'FR502').map((f) => f.flow));
    const absent = report.findings.find((f) => f.code === 'FR505');
    const docErrors = report.findings.filter((f) => !f.flow && f.severity === 'error');
    const s = report.summary;
    const gate = report.gate;
    const scopeLabel = gate.scope === 'all' ? 'all flows' : gate.scope;

    // Header: title, provenance, and the gate verdict for the scope.
    const sourceText = source === 'inline text' ? 'inline text' : source;
    const head = h('header', { class: 'head', part: 'header' },
      h('div', {},
        h('h2', { class: 'title', part: 'title' }, model.title ?? 'Flow readiness'),
        h('div', { class: 'meta' },
          `${plural(s.flows, 'flow')} \u00b7 threshold ${threshold} (${report.options.min_level_source}) \u00b7 judged on ${report.options.today ?? 'no date'}`)),
      h('div', { class: 'verdict', part: 'verdict', role: 'status', dataset: { passed: String(gate.passed), scope: gate.scope } },
        h('span', { class: 'dot', 'aria-hidden': 'true' }, gate.passed ? '\u2713' : '\u2715'),
        h('span', {},
          `Gate ${scopeLabel}: ${gate.passed ? 'broad UAT may start' : 'blocked'}`,
          h('small', {}, gate.passed
            ? `${plural(gate.flows.length, 'flow')} in scope, none blocked`
            : gate.flows.length === 0 ? 'no flow in scope'
              : `${gate.blocked.length} of ${plural(gate.flows.length, 'flow')} in scope blocked`))));

    // Summary cards and a proportional bar.
    const card = (kind, n, label) => h('div', { class: 'card', part: `card card-${kind}`, dataset: { kind, count: String(n) } },
      h('div', { class: 'n' }, n), h('div', { class: 'l' }, label));
    const total = Math.max(1, s.ready + s.accepted_gap + s.blocked);
    const bar = h('div', { class: 'bar', role: 'img', 'aria-label': `${s.ready} ready, ${s.accepted_gap} accepted gap, ${s.blocked} blocked` },
      DECISIONS.map((d) => h('span', { class: d, style: { width: `${(100 * s[d]) / total}%` } })));
    const cards = h('section', { class: 'cards', part: 'summary', 'aria-label': 'Summary' },
      card('ready', s.ready, 'Ready for broad UAT'),
      card('accepted_gap', s.accepted_gap, 'Ready with accepted gaps'),
      card('blocked', s.blocked, 'Blocked or not ready'),
      h('div', { class: 'card', part: 'card card-findings', dataset: { kind: 'findings' } },
        h('div', { class: 'n' }, h('span', { class: s.errors ? 'sev-error' : 'zero' }, plural(s.errors, 'error')), ' \u00b7 ',
          h('span', { class: s.warnings ? 'sev-warning' : 'zero' }, plural(s.warnings, 'warning'))),
        h('div', { class: 'l' }, `${plural(s.infos, 'note')} \u00b7 ${report.findings.length} findings in all`)),
      bar);

    // Drift: the declared decision is a stale snapshot.
    let driftPanel = null;
    if (drift.length) {
      const flows = new Set(drift.map((f) => f.flow).filter(Boolean));
      driftPanel = h('section', { class: 'panel drift', part: 'drift', role: 'region', 'aria-label': 'Decision drift' },
        h('h3', {}, `The declared Broad UAT Decision is stale: ${plural(flows.size, 'flow')} differ`),
        h('p', {}, 'The document\u2019s own decision section disagrees with what its rows say. The table shows the computed decision.'),
        h('ul', {}, drift.map((f) => this.#findingItem(f, true))));
    }
    let docPanel = null;
    if (docErrors.length) {
      docPanel = h('section', { class: 'panel error', part: 'error', role: 'alert', dataset: { code: 'findings' } },
        h('h3', {}, s.flows === 0 ? 'No flows could be read from this matrix' : 'The document has errors'),
        h('ul', {}, docErrors.map((f) => this.#findingItem(f))));
    }

    // Filters.
    const owners = [...new Set(model.flows.flatMap((f) => f.owners))].sort();
    const priorities = [...new Set(report.flows.map((f) => f.priority).filter(Boolean))].sort();
    const select = (key, label, values, names = {}) => h('label', { part: 'filter' }, label,
      h('select', { name: key, 'data-filter': key },
        h('option', { value: '' }, 'All'), values.map((v) => h('option', { value: v }, names[v] ?? v))));
    const count = h('span', { class: 'count', role: 'status', 'aria-live': 'polite' });
    const filters = h('form', { class: 'filters', part: 'filters', role: 'search', 'aria-label': 'Filter flows', onsubmit: (e) => e.preventDefault() },
      h('label', { class: 'q', part: 'filter' }, 'Search',
        h('input', { type: 'search', name: 'q', 'data-filter': 'q', placeholder: 'Flow, owner, task, status, reason\u2026', autocomplete: 'off' })),
      select('priority', 'Priority', priorities),
      select('decision', 'Decision', DECISIONS, LABEL),
      select('owner', 'Owner', owners),
      h('button', { type: 'button', class: 'reset', onclick: () => this.#setFilters({ priority: '', decision: '', owner: '', q: '' }) }, 'Reset'),
      count);
    filters.addEventListener('input', (e) => {
      const key = e.target?.dataset?.filter;
      if (key) this.#setFilters({ ...this.#filters, [key]: e.target.value });
    });

    // The flow table.
    const tbody = h('tbody', {});
    const rows = [];
    for (const flow of report.flows) {
      const m = flowsById.get(flow.id);
      const entry = declared.get(flow.id);
      const detailId = `detail-${rows.length}`;
      const button = h('button', { type: 'button', class: 'expand', 'aria-expanded': 'false', 'aria-controls': detailId, part: 'expand' },
        h('span', { class: 'chev', 'aria-hidden': 'true' }, '\u25b8'), h('span', { class: 'id' }, flow.id));
      const level = flow.level ? LEVELS.indexOf(flow.level) : -1;
      const below = level < thresholdIndex;
      const ladder = h('div', { class: 'ladder', part: 'ladder', role: 'img', dataset: { below: String(below) },
        'aria-label': flow.level ? `${flow.level}, threshold ${threshold}${below ? ' (below)' : ''}` : `no readable level, threshold ${threshold}` },
        h('span', { class: 'steps', 'aria-hidden': 'true' },
          LEVELS.map((l, i) => h('span', { class: `step${i <= level ? ' on' : ''}${i === thresholdIndex ? ' thr' : ''}`, title: l }))),
        h('span', { class: 'lvl', 'aria-hidden': 'true' }, flow.level ?? '\u2014'));
      // Only what the drift findings say: with evidence, a section that matches the
      // document's own verdict is not stale (docs/guide.md).
      const drifted = staleFlows.has(flow.id)
        ? (model.declared_decision?.entries ?? []).find((e) => e.flow === flow.id && e.bucket !== flow.decision) : null;
      const undeclared = missingFlows.has(flow.id);
      const tasks = m?.gap_tasks ?? [];
      const row = h('tr', { class: 'flow', part: 'row', dataset: { flowId: flow.id, decision: flow.decision, priority: flow.priority ?? '' } },
        h('th', { scope: 'row' }, button, flow.priority ? h('span', { class: 'prio' }, flow.priority) : null),
        h('td', { 'data-label': 'Decision' },
          h('span', { class: 'badge', part: 'badge', dataset: { decision: flow.decision } },
            h('span', { 'aria-hidden': 'true' }, ICON[flow.decision]), LABEL[flow.decision]),
          drifted ? h('span', { class: 'declared', part: 'drift-badge' }, `declared ${LABEL[drifted.bucket].toLowerCase()}`) : null,
          undeclared ? h('span', { class: 'declared', part: 'drift-badge' }, 'not in the declared decision') : null),
        h('td', { 'data-label': 'Level' }, ladder),
        h('td', { 'data-label': 'Status' }, flow.status ? h('span', { class: 'status' }, flow.status) : h('span', { class: 'none' }, 'unreadable')),
        h('td', { 'data-label': 'Owners' }, m?.owners.length
          ? h('ul', { class: 'chips' }, m.owners.map((o) => h('li', { class: 'chip' }, o))) : h('span', { class: 'none' }, 'none')),
        h('td', { 'data-label': 'Gap tasks' }, tasks.length
          ? h('ul', { class: 'chips' }, tasks.map((t) => h('li', { class: `task${t.closed ? ' closed' : ''}`, title: t.closed ? 'closed' : 'open' },
            t.id, t.closed ? h('span', { class: 'sr' }, ' (closed)') : null)))
          : h('span', { class: 'none' }, 'none')));
      const detail = h('tr', { class: 'detail', id: detailId, hidden: true, part: 'detail', dataset: { flowId: flow.id } },
        h('td', { colspan: '6' }, this.#detail(flow, m, entry, findingsByFlow.get(flow.id) ?? [], report)));
      const haystack = [flow.id, flow.status, flow.decision, LABEL[flow.decision], flow.priority, flow.level,
        ...(m?.owners ?? []), ...tasks.map((t) => t.id), ...flow.reasons.map((r) => r.message),
        ...(m?.cells ?? []).map((c) => c.text)].filter(Boolean).join('\n').toLowerCase();
      button.addEventListener('click', () => this.#toggle(flow.id));
      rows.push({ flow, m, row, detail, button, haystack });
      tbody.append(row, detail);
    }
    const emptyRow = h('tr', { class: 'empty-row', hidden: true }, h('td', { colspan: '6' }, 'No flow matches the filters.'));
    tbody.append(emptyRow);
    const caption = h('caption', {}, 'Flows ', h('span', {}, `\u2014 computed decision per flow; the bar marks the ${threshold} threshold. Select a flow for its reasons.`));
    const table = h('div', { class: 'tablewrap', part: 'table-wrap' },
      h('table', { class: 'flows', part: 'table' }, caption,
        h('thead', {}, h('tr', {}, ['Flow', 'Decision', 'Level', 'Status', 'Owners', 'Gap tasks'].map((t) => h('th', { scope: 'col' }, t)))),
        tbody));

    const evidencePanel = report.evidence ? this.#evidenceOverview(report) : null;
    const all = report.findings.length
      ? h('details', { class: 'panel all', part: 'findings' },
        h('summary', {}, `All findings (${report.findings.length})`),
        h('ul', {}, report.findings.map((f) => this.#findingItem(f, true))))
      : null;
    const foot = h('p', { class: 'foot', part: 'footer' },
      `Computed in this browser by flowready from ${sourceText}`,
      absent ? ' \u00b7 the document has no Broad UAT Decision section' : '',
      '.');

    const root = h('div', { class: 'root', part: 'root' }, head, cards, driftPanel, docPanel,
      report.flows.length ? [filters, table] : null, evidencePanel, all, foot);
    return { root, rows, emptyRow, count, filters, total: report.flows.length };
  }

  #findingItem(f, withFlow = false) {
    return h('li', { class: 'item', dataset: { code: f.code, severity: f.severity } },
      h('span', { class: 'msg' },
        h('span', { class: `code sev-${f.severity}`, title: f.severity }, f.code),
        withFlow && f.flow ? [h('code', {}, f.flow), ': '] : null,
        rich(f.message), ' ', h('span', { class: 'loc', title: 'line:column in the matrix' }, `line ${f.line}:${f.column}`)),
      f.help ? h('span', { class: 'sub' }, rich(f.help)) : null);
  }

  #detail(flow, m, entry, findings, report) {
    const reasons = h('div', {}, h('h4', {}, 'Why ', LABEL[flow.decision].toLowerCase()),
      h('ul', {}, flow.reasons.map((r) => h('li', { class: 'item' },
        h('span', { class: 'msg' }, r.code ? h('span', { class: 'code sev-error' }, r.code) : null, rich(r.message), ' ',
          h('span', { class: 'loc' }, `${r.cell ? `${r.cell}, ` : ''}line ${r.line}:${r.column}`)),
        r.fix ? h('span', { class: 'sub' }, 'Fix: ', rich(r.fix)) : null))));
    const parts = [reasons];
    // Findings that are already reasons are not repeated.
    const said = new Set(flow.reasons.map((r) => `${r.code}\n${r.message}`));
    const others = findings.filter((f) => !said.has(`${f.code}\n${f.message}`));
    if (others.length || !findings.length) {
      parts.push(h('div', {}, h('h4', {}, `${others.length === findings.length ? 'Findings' : 'Other findings'} (${others.length})`),
        others.length ? h('ul', {}, others.map((f) => this.#findingItem(f))) : h('p', { class: 'none' }, 'No findings on this flow.')));
    }
    const facts = [];
    if (entry) facts.push(['Declared', `${LABEL[entry.bucket]} (line ${entry.span.line})`]);
    else if (report) facts.push(['Declared', 'not listed in the Broad UAT Decision']);
    if (m) {
      facts.push(['Row', `line ${m.line}`]);
      if (m.uat_rows.length) facts.push(['UAT rows', m.uat_rows.join(', ')]);
      if (m.automation_anchors.length) facts.push(['Automation', m.automation_anchors.join(', ')]);
      const persona = m.cells.find((c) => c.known === 'persona');
      if (persona?.text) facts.push(['Persona', persona.text]);
      const happy = m.cells.find((c) => c.known === 'happy_path');
      if (happy?.text) facts.push(['Happy path', happy.text]);
    }
    parts.push(h('div', {}, h('h4', {}, 'In the matrix'),
      h('dl', { class: 'sgrid' }, facts.map(([k, v]) => [h('dt', { class: 'sub' }, k), h('dd', {}, v)]))));
    const cov = report.evidence?.flows?.[flow.id];
    if (cov) {
      const entries = SUBPATHS.filter((sp) => cov.subpaths[sp]).map((sp) => [sp, cov.subpaths[sp]]);
      parts.push(h('div', { class: 'wide' }, h('h4', {}, 'Evidence by subpath'),
        entries.length ? h('div', { class: 'sgrid', part: 'subpaths' }, entries.map(([sp, c]) => [
          h('span', { class: 'state', dataset: { state: c.state, required: String(c.required), subpath: sp } },
            h('span', { 'aria-hidden': 'true' }, STATE_ICON[c.state] ?? ''), `${sp}: ${c.state}`),
          h('ul', { class: 'tests' },
            c.tests.length ? c.tests.map((t) => h('li', {}, h('span', {}, t.name),
              h('span', { class: 'sub' }, ` \u2014 ${t.outcome}${t.file ? ` \u00b7 ${t.file}` : ''}${t.source ? ` \u00b7 ${t.source}` : ''}${t.reason ? ` \u00b7 ${t.reason}` : ''}`)))
              : h('li', { class: 'none' }, c.waiver ? `no test; skip approved (register line ${c.waiver.line}, until ${c.waiver.expiry})` : c.required ? 'no test claims it' : 'not required'),
            c.waiver && c.tests.length ? h('li', { class: 'sub' }, `skip approved (register line ${c.waiver.line}, until ${c.waiver.expiry})`) : null),
        ])) : h('p', { class: 'none' }, 'No subpath is required or evidenced.'),
        cov.missing_uat_rows.length ? h('p', { class: 'sub' }, `UAT rows without evidence: ${cov.missing_uat_rows.join(', ')}`) : null));
    }
    return h('div', { class: 'dgrid' }, parts);
  }

  #evidenceOverview(report) {
    const ev = report.evidence;
    const flows = report.flows.filter((f) => ev.flows[f.id]);
    const used = SUBPATHS.filter((sp) => flows.some((f) => ev.flows[f.id].subpaths[sp]));
    const table = h('table', { class: 'grid', part: 'evidence-grid' },
      h('caption', { class: 'sr' }, 'Evidence: coverage state per flow and subpath'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Flow'), used.map((sp) => h('th', { scope: 'col' }, sp)))),
      h('tbody', {}, flows.map((f) => h('tr', { dataset: { flowId: f.id } },
        h('th', { scope: 'row' }, h('span', { class: 'id' }, f.id)),
        used.map((sp) => {
          const c = ev.flows[f.id].subpaths[sp];
          if (!c) return h('td', { dataset: { subpath: sp, state: 'none' } }, h('span', { class: 'none' }, '\u00b7'));
          const names = c.tests.map((t) => t.name).join('\n');
          return h('td', { dataset: { subpath: sp, state: c.state } },
            h('span', { class: 'state', title: names || c.state, dataset: { state: c.state, required: String(c.required) } },
              h('span', { 'aria-hidden': 'true' }, STATE_ICON[c.state] ?? ''), c.state));
        })))));
    const extra = [];
    if (ev.unknown_flows.length) extra.push(h('p', { class: 'sub' }, `Evidence names flows the matrix does not have: ${ev.unknown_flows.map((u) => u.flow).join(', ')}`));
    if (ev.unmapped_uat_rows.length) extra.push(h('p', { class: 'sub' }, `UAT rows no flow lists: ${ev.unmapped_uat_rows.map((u) => u.uat_row).join(', ')}`));
    return h('section', { class: 'panel evidence', part: 'evidence', 'aria-label': 'Evidence' },
      h('h3', {}, `Evidence: ${plural(ev.tests, 'test')} mapped to flows`),
      h('p', {}, 'Each required subpath needs a passing test (or an approved skip) for a ready flow to stay ready.'),
      h('div', { class: 'scroll' }, table), extra);
  }

  #setFilters(filters) {
    this.#filters = filters;
    this.#syncControls();
    this.#applyFilters();
    this.#writeHash();
  }

  #syncControls() {
    if (!this.#view) return;
    for (const el of this.#view.filters.querySelectorAll('[data-filter]')) {
      const value = this.#filters[el.dataset.filter] ?? '';
      if (el.tagName === 'SELECT' && value && ![...el.options].some((o) => o.value === value)) {
        el.append(h('option', { value }, value));
      }
      if (el.value !== value) el.value = value;
    }
  }

  #applyFilters() {
    const view = this.#view;
    if (!view) return;
    const { priority, decision, owner, q } = this.#filters;
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const r of view.rows) {
      const ok = (!priority || r.flow.priority === priority)
        && (!decision || r.flow.decision === decision)
        && (!owner || (r.m?.owners ?? []).includes(owner))
        && words.every((w) => r.haystack.includes(w));
      r.row.hidden = !ok;
      r.detail.hidden = !ok || !this.#open.has(r.flow.id);
      if (ok) shown++;
    }
    view.emptyRow.hidden = shown > 0;
    view.count.textContent = shown === view.total ? `${plural(view.total, 'flow')}` : `${shown} of ${plural(view.total, 'flow')}`;
  }

  #applyOpen() {
    if (!this.#view) return;
    for (const r of this.#view.rows) {
      const open = this.#open.has(r.flow.id);
      r.button.setAttribute('aria-expanded', String(open));
      r.detail.hidden = !open || r.row.hidden;
    }
  }

  #toggle(id) {
    if (this.#open.has(id)) this.#open.delete(id);
    else this.#open.add(id);
    this.#applyOpen();
    this.#writeHash();
  }
}

if (!customElements.get('flow-readiness')) customElements.define('flow-readiness', FlowReadiness);
