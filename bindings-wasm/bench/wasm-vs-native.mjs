// WASM `evaluate` in Node against the native core, in one run (not part of CI):
//
//   node bench/wasm-vs-native.mjs [RUNS]        (after `npm run build`)
//
// Generates the 1,000- and 10,000-flow matrices with the benches' generator (under
// bench-data/, never committed), runs the native `stages` bin on each (median of
// parse + evaluate in process), then times, in this Node process, the WASM package's
// `evaluate(text, options)` (parse + evaluate + the report as a JS object) and
// `evaluateJson` (the same, the report as JSON text). Prints medians and ratios.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as fr from '../index.mjs';

const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = resolve(here, '..');
const runs = Number(process.argv[2] ?? 21);
const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target');
const data = join(here, 'bench-data');
mkdirSync(data, { recursive: true });

execFileSync('cargo', ['build', '--release', '-q', '-p', 'flowready-benches', '--bin', 'gen-matrix', '--bin', 'stages'], { cwd: root, stdio: 'inherit' });
const bin = (name) => join(target, 'release', name);

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn) {
  fn(); fn(); // warm up
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}
const options = { today: '2026-12-01' };
const optionsJson = JSON.stringify(options);

console.log(`runs: ${runs}; node ${process.version}; load: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
for (const n of [1000, 10000]) {
  const file = join(data, `flows-${n}.md`);
  if (!existsSync(file)) execFileSync(bin('gen-matrix'), [String(n), '-o', file], { stdio: 'inherit' });
  const text = readFileSync(file, 'utf8');
  const out = execFileSync(bin('stages'), [file, String(runs)], { encoding: 'utf8' });
  const m = out.match(/parse\+evaluate ([\d.]+) (ms|µs)/);
  if (!m) throw new Error(`unexpected stages output: ${out}`);
  const native = m[2] === 'ms' ? Number(m[1]) : Number(m[1]) / 1000;
  const obj = time(() => fr.evaluate(text, options));
  const json = time(() => fr.evaluateJson(text, optionsJson));
  const report = fr.evaluate(text, options);
  console.log(`${n} flows (${(text.length / 1e6).toFixed(2)} MB, ${report.summary.ready}/${report.summary.accepted_gap}/${report.summary.blocked}): `
    + `native parse+evaluate ${native.toFixed(1)} ms | wasm evaluate ${obj.toFixed(1)} ms = ${(obj / native).toFixed(2)}x | `
    + `wasm evaluateJson ${json.toFixed(1)} ms = ${(json / native).toFixed(2)}x   (budget 2x)`);
}
