// Builds everything the package and the demo page need, from the Rust sources:
//
//   cargo build (wasm32, profile wasm-small)            -> wasm-bindgen --target web    -> www/pkg/flowready_wasm.js
//   cargo build --no-default-features (the lean module) -> wasm-bindgen --target web    -> www/pkg/flowready_wasm_lean.js
//   the same with opt-level 3 (its own target dir)      -> wasm-bindgen --target nodejs -> pkg/node/
//   then npm binaryen's wasm-opt (never a system wasm-opt): -Oz --converge (and the tools'
//   sections stripped) on the browser modules, -O3 on the Node one; and copies the bundled example matrices and reports
//   into www/examples/.
//
// The lean module (parse, evaluate, evaluateJson, utf16Column) is what <flow-readiness>
// loads on every page; it imports the complete module only when evidence is given.
//
// `--update-types` also copies the generated .d.ts files into types/ (committed; test.sh
// fails when a rebuild changes them). `--skip-cargo` reuses the last cargo builds.
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
const built = join(targetDir, 'wasm32-unknown-unknown', 'wasm-small');
// The Node build is built for speed (opt-level 3, which only it uses), in its own target
// directory so that it and the size builds do not rebuild each other's dependencies.
const nodeTarget = join(targetDir, 'wasm-node');
const nodeBuilt = join(nodeTarget, 'wasm32-unknown-unknown', 'wasm-small');
// cargo writes every build to flowready_wasm.wasm; each is copied under its own name,
// which wasm-bindgen uses for the files it writes.
const wasm = {
  lean: join(built, 'flowready_wasm_lean', 'flowready_wasm_lean.wasm'),
  full: join(built, 'flowready_wasm_full', 'flowready_wasm.wasm'),
  node: join(nodeBuilt, 'flowready_wasm_node', 'flowready_wasm.wasm'),
};
const builds = [
  ['lean', built, ['--no-default-features'], {}],
  ['full', built, [], {}],
  // Node has run WebAssembly SIMD since 16.4: the scanner's memchr searches use it.
  ['node', nodeBuilt, [], { CARGO_TARGET_DIR: nodeTarget, CARGO_PROFILE_WASM_SMALL_OPT_LEVEL: '3', RUSTFLAGS: '-C target-feature=+simd128' }],
];

if (!args.has('--skip-cargo')) {
  for (const [kind, dir, flags, env] of builds) {
    const extra = [...flags, ...Object.entries(env).filter(([k]) => k !== 'CARGO_TARGET_DIR').map(([k, v]) => `${k}=${v}`)];
    console.log(`== cargo build (wasm32-unknown-unknown, wasm-small${extra.length ? `, ${extra.join(' ')}` : ''})`);
    run('cargo', ['build', '-q', '-p', 'flowready-wasm', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-small', ...flags],
      { cwd: root, env: { ...process.env, ...env } });
    mkdirSync(dirname(wasm[kind]), { recursive: true });
    copyFileSync(join(dir, 'flowready_wasm.wasm'), wasm[kind]);
  }
}

// wasm-bindgen: the project's pinned copy first (scripts/setup.sh puts it in .tools).
const local = join(root, '.tools', 'bin', 'wasm-bindgen');
const bindgen = existsSync(local) ? local : 'wasm-bindgen';
const out = { web: join(here, 'www', 'pkg'), node: join(here, 'pkg', 'node') };
for (const dir of Object.values(out)) rmSync(dir, { recursive: true, force: true });
for (const [target, dir, input] of [['web', out.web, wasm.full], ['nodejs', out.node, wasm.node], ['web', out.web, wasm.lean]]) {
  console.log(`== wasm-bindgen --target ${target} ${input.slice(targetDir.length + 1)}`);
  run(bindgen, ['--target', target, '--out-dir', dir, input]);
}
// The nodejs output is CommonJS: say so, whatever an enclosing package.json says.
writeFileSync(join(out.node, 'package.json'), '{ "type": "commonjs" }\n');
// The web output is ESM (Node loads it too, in test/lean.test.mjs).
writeFileSync(join(out.web, 'package.json'), '{ "type": "module" }\n');

const wasmOpt = join(here, 'node_modules', '.bin', 'wasm-opt');
if (!existsSync(wasmOpt)) throw new Error('node_modules/.bin/wasm-opt is missing: run `npm ci` first');
const modules = [join(out.web, 'flowready_wasm_lean_bg.wasm'), join(out.web, 'flowready_wasm_bg.wasm'), join(out.node, 'flowready_wasm_bg.wasm')];
for (const file of modules) {
  // Browsers download the module: -Oz, and --converge repeats it until it stops
  // shrinking (1.2 KB gzipped, for a few more seconds of build); the `producers` and
  // `target_features` sections are for tools, which nothing runs after this (0.2 KB
  // gzipped). Node: -O3, for speed.
  const flags = file.startsWith(out.node) ? ['-O3'] : ['-Oz', '--converge', '--strip-producers', '--strip-target-features'];
  console.log(`== wasm-opt ${flags.join(' ')} ${file.slice(here.length + 1)}`);
  run(wasmOpt, [...flags, file, '-o', `${file}.opt`]);
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
  copyFileSync(join(out.web, 'flowready_wasm_lean.d.ts'), join(here, 'types', 'flowready_wasm_lean.d.ts'));
  console.log('== types/ updated');
}

for (const file of modules) {
  const raw = statSync(file).size;
  const gz = gzipSync(readFileSync(file), { level: 9 }).length;
  console.log(`wasm: ${file.slice(here.length + 1)}: ${raw} B, ${gz} B gzipped (${(gz / 1024).toFixed(1)} KiB)`);
}
