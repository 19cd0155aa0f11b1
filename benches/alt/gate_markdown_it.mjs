// A plain Node gate on markdown-it (GFM tables): the same rules as gate_markdown_it.py.
// Usage: node gate_markdown_it.mjs FILE   (markdown-it resolved via NODE_PATH or ./node_modules)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const MarkdownIt = require('markdown-it');
const LEVELS = { L0: 0, L1: 1, L2: 2, L3: 3, L4: 4, L5: 5 };
const threshold = 3;

function cellText(tok) {
  return (tok.children || [])
    .map((c) => (c.type === 'text' || c.type === 'code_inline' || c.type === 'html_inline' ? c.content : c.type.endsWith('break') ? '\n' : ''))
    .join('')
    .trim();
}

function openTasks(cell) {
  const items = cell.split(/[;,]/).map((x) => x.trim()).filter(Boolean);
  if (items.length === 0 || (items.length === 1 && ['none', 'n/a', 'na', '-'].includes(items[0].toLowerCase()))) return [];
  return items.filter((x) => !x.toLowerCase().endsWith(' closed')).map((x) => x.split(/\s+/)[0]);
}

const text = readFileSync(process.argv[2], 'utf8');
const tokens = new MarkdownIt('commonmark').enable('table').parse(text, {});
const decision = { ready: [], accepted_gap: [], blocked: [] };
for (let i = 0; i < tokens.length; i++) {
  if (tokens[i].type !== 'table_open') continue;
  let header = [], rows = [], row = [], inHead = false;
  for (i++; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
    const t = tokens[i];
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close') (inHead ? (header = row) : rows.push(row));
    else if (t.type === 'inline') row.push(cellText(t));
  }
  const cols = new Map(header.map((h, j) => [h.toLowerCase().split(/\s+/).join(' '), j]));
  if (!['flow id', 'level', 'status'].every((k) => cols.has(k))) continue;
  for (const r of rows) {
    const get = (k) => (cols.has(k) && cols.get(k) < r.length ? r[cols.get(k)] : '');
    const id = get('flow id');
    if (!id) continue;
    const level = LEVELS[get('level')] ?? -1;
    const status = get('status');
    const tasks = openTasks(get('gap task'));
    if (status === 'ready_for_broad_uat' && level >= threshold && tasks.length === 0) decision.ready.push(id);
    else if (status === 'accepted_gap' && get('owner') && tasks.length > 0) decision.accepted_gap.push(id);
    else decision.blocked.push(id);
  }
}
process.stdout.write(JSON.stringify({ decision, flows: decision.ready.length + decision.accepted_gap.length + decision.blocked.length }, null, 2) + '\n');
