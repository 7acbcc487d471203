// Prints the raw and brotli-compressed (quality 11) bytes of the release build in dist/, by kind, and the total
// that a first visit downloads (index.html, JS glue, wasm, CSS).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const kinds = { wasm: /\.wasm$/, js: /\.js$/, css: /\.css$/, 'index.html': /^index\.html$/ };
const rows = [];
let total = { raw: 0, br: 0 };
for (const [kind, re] of Object.entries(kinds)) {
  for (const name of readdirSync(dist).filter((f) => re.test(f) && statSync(join(dist, f)).isFile())) {
    const bytes = readFileSync(join(dist, name));
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    rows.push({ kind, name, raw: bytes.length, br });
    total.raw += bytes.length;
    total.br += br;
  }
}
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
console.log('asset'.padEnd(12), 'raw'.padStart(10), 'brotli'.padStart(10), ' file');
for (const r of rows) console.log(r.kind.padEnd(12), kb(r.raw), kb(r.br), '', r.name);
console.log('first visit'.padEnd(12), kb(total.raw), kb(total.br), ' (app shell, before API JSON and images)');
