// Writes file.br and file.gz beside every text asset under static/ (CSS, JS, SVG, JSON, YAML),
// at build time, at the highest settings: the server then sends the smallest form the browser
// accepts without compressing anything per request. A sibling older than its file is ignored by
// the server, so an edit to static/css without a rebuild is never served stale.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {fileURLToPath} from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');
const text = /\.(css|js|mjs|svg|json|yaml|yml|txt|map)$/;
let files = 0;
let before = 0;
let after = 0;

function walk(dir) {
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile() && text.test(entry.name)) compress(full);
  }
}

function compress(file) {
  const data = fs.readFileSync(file);
  if (data.length < 512) return; // the headers would cost more than the bytes saved
  const br = zlib.brotliCompressSync(data, {params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
  }});
  const gz = zlib.gzipSync(data, {level: 9});
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, gz);
  files++;
  before += data.length;
  after += br.length;
}

walk(root);
console.log(`precompress: ${files} files, ${Math.round(before / 1024)} KB -> ${Math.round(after / 1024)} KB brotli`);
