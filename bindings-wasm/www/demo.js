// The demo page: `?src=URL` (and `evidence`, `today`, `scope`, `min-level`) configure the
// element; presets switch between the bundled examples; the paste / drop area feeds the
// element text read locally (FileReader), never uploaded.
const el = document.getElementById('fr');
const paste = document.getElementById('paste');
const drop = document.getElementById('drop');
const status = document.getElementById('drop-status');
const PRESETS = {
  example: { src: 'examples/matrix.md', evidence: null },
  evidence: { src: 'examples/evidence-matrix.md', evidence: 'examples/playwright.json examples/pytest-xunit2.xml' },
};

const query = new URLSearchParams(location.search);
for (const name of ['src', 'evidence', 'today', 'scope', 'min-level', 'strict', 'theme']) {
  if (query.has(name)) el.setAttribute(name, query.get(name));
}
markPreset();

function markPreset() {
  for (const b of document.querySelectorAll('[data-preset]')) {
    const p = PRESETS[b.dataset.preset];
    const on = el.text == null && el.getAttribute('src') === p.src && (el.getAttribute('evidence') ?? null) === p.evidence;
    b.setAttribute('aria-pressed', String(on));
  }
}

function usePreset(name) {
  const p = PRESETS[name];
  el.text = null;
  el.evidenceReports = [];
  el.setAttribute('src', p.src);
  if (p.evidence) el.setAttribute('evidence', p.evidence);
  else el.removeAttribute('evidence');
  const url = new URL(location.href);
  url.search = name === 'example' ? '' : `?src=${encodeURIComponent(p.src)}&evidence=${encodeURIComponent(p.evidence)}`;
  history.replaceState(null, '', url);
  markPreset();
}

for (const b of document.querySelectorAll('[data-preset]')) b.addEventListener('click', () => usePreset(b.dataset.preset));

let timer;
paste.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    el.text = paste.value.trim() ? paste.value : null;
    status.textContent = paste.value.trim() ? 'Showing the pasted matrix above' : 'Drop files here';
    markPreset();
  }, 250);
});

async function readFiles(files) {
  const reports = [];
  let matrix = null;
  for (const file of files) {
    const text = await file.text();
    if (/\.(json|xml)$/i.test(file.name) || /^\s*[<{[]/.test(text)) reports.push({ name: file.name, content: text });
    else matrix = { name: file.name, text };
  }
  if (matrix) {
    paste.value = matrix.text;
    el.text = matrix.text;
  } else if (el.text == null && reports.length) {
    // Evidence alone: judge the matrix shown now against it.
  }
  el.evidenceReports = reports;
  const parts = [matrix ? `matrix ${matrix.name}` : null, reports.length ? `${reports.length} report(s): ${reports.map((r) => r.name).join(', ')}` : null];
  status.textContent = `Showing ${parts.filter(Boolean).join(' with ')} above`;
  markPreset();
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

document.getElementById('files').addEventListener('change', (e) => readFiles([...e.target.files]));
for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('over'); });
}
for (const type of ['dragleave', 'drop']) drop.addEventListener(type, () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  if (e.dataTransfer?.files?.length) readFiles([...e.dataTransfer.files]);
});
document.getElementById('clear').addEventListener('click', () => {
  paste.value = '';
  status.textContent = 'Drop files here';
  usePreset('example');
});
