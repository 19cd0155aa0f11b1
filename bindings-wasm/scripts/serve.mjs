// A tiny static server for www/ (any static server works; this one needs nothing
// installed). `--mount /prefix=DIR` serves another directory under a path prefix: the
// browser tests mount the conformance vectors and, where present, the team's matrix.
//
//   node scripts/serve.mjs [--port 8765] [--mount /vectors=../tests/vectors]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
let port = 8765;
const mounts = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--port') port = Number(argv[++i]);
  else if (argv[i] === '--mount') {
    const [prefix, dir] = argv[++i].split('=');
    mounts.push([prefix.replace(/\/$/, ''), resolve(dir)]);
  }
}
mounts.push(['', join(here, 'www')]);

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
};

async function resolveFile(pathname) {
  for (const [prefix, dir] of mounts) {
    if (prefix && pathname !== prefix && !pathname.startsWith(`${prefix}/`)) continue;
    const rel = normalize(decodeURIComponent(pathname.slice(prefix.length))).replace(/^([/\\])+/, '');
    const file = join(dir, rel);
    if (file !== dir && !file.startsWith(dir + sep)) return null;
    try {
      const info = await stat(file);
      if (info.isDirectory()) {
        const index = join(file, 'index.html');
        if ((await stat(index).catch(() => null))?.isFile()) return index;
        continue;
      }
      return file;
    } catch {
      if (prefix) return null;
    }
  }
  return null;
}

createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  const file = await resolveFile(pathname);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}).listen(port, '127.0.0.1', () => console.log(`serving www/ on http://127.0.0.1:${port}/`));
