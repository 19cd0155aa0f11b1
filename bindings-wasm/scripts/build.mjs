// Builds everything the package and the demo page need, from the Rust sources:
//
//   cargo build (wasm32, profile wasm-small) -> wasm-bindgen --target web    -> www/pkg/
//                                             -> wasm-bindgen --target nodejs -> pkg/node/
//   then npm binaryen's wasm-opt -Oz --converge on each .wasm (never a system wasm-opt),
//   and copies the bundled example matrices and reports into www/examples/.
//
// `--update-types` also copies the generated .d.ts files into types/ (committed; test.sh
// fails when a rebuild changes them). `--skip-cargo` reuses the last cargo build.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(here, '..');
const args = new Set(process.argv.slice(2));
const run = (cmd, argv, opts = {}) => execFileSync(cmd, argv, { stdio: 'inherit', ...opts });

const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target');
const wasm = join(targetDir, 'wasm32-unknown-unknown', 'wasm-small', 'flowready_wasm.wasm');

if (!args.has('--skip-cargo')) {
  console.log('== cargo build (wasm32-unknown-unknown, wasm-small)');
  run('cargo', ['build', '-q', '-p', 'flowready-wasm', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-small'], { cwd: root });
}

// wasm-bindgen: the project's pinned copy first (scripts/setup.sh puts it in .tools).
const local = join(root, '.tools', 'bin', 'wasm-bindgen');
const bindgen = existsSync(local) ? local : 'wasm-bindgen';
const out = { web: join(here, 'www', 'pkg'), node: join(here, 'pkg', 'node') };
for (const [target, dir] of [['web', out.web], ['nodejs', out.node]]) {
  rmSync(dir, { recursive: true, force: true });
  console.log(`== wasm-bindgen --target ${target}`);
  run(bindgen, ['--target', target, '--out-dir', dir, wasm]);
}
// The nodejs output is CommonJS: say so, whatever an enclosing package.json says.
writeFileSync(join(out.node, 'package.json'), '{ "type": "commonjs" }\n');

const wasmOpt = join(here, 'node_modules', '.bin', 'wasm-opt');
if (!existsSync(wasmOpt)) throw new Error('node_modules/.bin/wasm-opt is missing: run `npm ci` first');
for (const dir of Object.values(out)) {
  const file = join(dir, 'flowready_wasm_bg.wasm');
  // --converge repeats -Oz until it stops shrinking the module: 1.2 KB gzipped, for a
  // few more seconds of build.
  console.log(`== wasm-opt -Oz --converge ${file.slice(here.length + 1)}`);
  run(wasmOpt, ['-Oz', '--converge', file, '-o', `${file}.opt`]);
  copyFileSync(`${file}.opt`, file);
  rmSync(`${file}.opt`);
}

// The demo page's bundled examples (copied, never duplicated in git).
const examples = join(here, 'www', 'examples');
mkdirSync(examples, { recursive: true });
const copies = [
  ['examples/matrix.md', 'matrix.md'],
  ['examples/evidence/matrix.md', 'evidence-matrix.md'],
  ['examples/evidence/reports/playwright.json', 'playwright.json'],
  ['examples/evidence/reports/pytest-xunit2.xml', 'pytest-xunit2.xml'],
];
for (const [from, to] of copies) copyFileSync(join(root, from), join(examples, to));

if (args.has('--update-types')) {
  mkdirSync(join(here, 'types'), { recursive: true });
  copyFileSync(join(out.node, 'flowready_wasm.d.ts'), join(here, 'types', 'flowready_wasm.d.ts'));
  copyFileSync(join(out.web, 'flowready_wasm.d.ts'), join(here, 'types', 'flowready_wasm_web.d.ts'));
  console.log('== types/ updated');
}

const file = join(out.web, 'flowready_wasm_bg.wasm');
const raw = statSync(file).size;
const gz = gzipSync(readFileSync(file), { level: 9 }).length;
console.log(`wasm: ${raw} B, ${gz} B gzipped (${(gz / 1024).toFixed(1)} KiB)`);
