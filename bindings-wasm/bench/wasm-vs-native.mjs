// WASM `evaluate` in Node against the native core, in one run (not part of CI):
//
//   node bench/wasm-vs-native.mjs [ROUNDS]        (after `npm run build`)
//
// Generates the 1,000- and 10,000-flow matrices with the benches' generator (under
// bench-data/, never committed). Then, round by round (so the shared machine's load
// falls on every side alike): the native `stages` bin (median of parse + evaluate over 9
// calls in its own process), and in this Node process 3 calls each of the Node package's
// `evaluate(text, options)` (parse + evaluate + the report as a JS object) and
// `evaluateJson` (the report as JSON text), and the lean browser module's `evaluate`
// (www/pkg/flowready_wasm_lean.js, built for size, loaded from its bytes). Prints the
// medians over rounds and the ratios to native.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as fr from '../index.mjs';
import * as lean from '../www/pkg/flowready_wasm_lean.js';

const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = resolve(here, '..');
const rounds = Number(process.argv[2] ?? 11);
lean.initSync({ module: readFileSync(new URL('../www/pkg/flowready_wasm_lean_bg.wasm', import.meta.url)) });
const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target');
const data = join(here, 'bench-data');
mkdirSync(data, { recursive: true });

execFileSync('cargo', ['build', '--release', '-q', '-p', 'flowready-benches', '--bin', 'gen-matrix', '--bin', 'stages'], { cwd: root, stdio: 'inherit' });
const bin = (name) => join(target, 'release', name);

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The median of 3 timed calls, after one untimed. */
function time(fn) {
  fn();
  const xs = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}
const options = { today: '2026-12-01' };
const optionsJson = JSON.stringify(options);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

console.log(`rounds: ${rounds}; node ${process.version}; load before: ${load()}`);
for (const n of [1000, 10000]) {
  const file = join(data, `flows-${n}.md`);
  if (!existsSync(file)) execFileSync(bin('gen-matrix'), [String(n), '-o', file], { stdio: 'inherit' });
  const text = readFileSync(file, 'utf8');
  const report = fr.evaluate(text, options);
  if (JSON.stringify(lean.evaluate(text, options)) !== JSON.stringify(report)) throw new Error('the lean module gave another report');
  const t = { native: [], node: [], json: [], lean: [] };
  for (let r = 0; r < rounds; r++) {
    const out = execFileSync(bin('stages'), [file, '9'], { encoding: 'utf8' });
    const m = out.match(/parse\+evaluate ([\d.]+) (ms|µs)/);
    if (!m) throw new Error(`unexpected stages output: ${out}`);
    t.native.push(m[2] === 'ms' ? Number(m[1]) : Number(m[1]) / 1000);
    t.node.push(time(() => fr.evaluate(text, options)));
    t.json.push(time(() => fr.evaluateJson(text, optionsJson)));
    t.lean.push(time(() => lean.evaluate(text, options)));
  }
  const [native, node, json, leanMs] = [t.native, t.node, t.json, t.lean].map(median);
  const ratio = (x) => `${x.toFixed(1)} ms = ${(x / native).toFixed(2)}x`;
  console.log(`${n} flows (${(text.length / 1e6).toFixed(2)} MB, ${report.summary.ready}/${report.summary.accepted_gap}/${report.summary.blocked}): `
    + `native parse+evaluate ${native.toFixed(1)} ms | Node package evaluate ${ratio(node)} | evaluateJson ${ratio(json)} | `
    + `lean browser module evaluate ${ratio(leanMs)}   (budget 2x; load after: ${load()})`);
}
