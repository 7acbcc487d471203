// Minifies a release build's scripts and style sheets in place with esbuild, and updates the Subresource
// Integrity hashes (`integrity="sha384-…"`) that DIR/index.html gives for them, so the browser still accepts them.
//
// Usage: node scripts/minify.mjs DIR FILE… (FILE relative to DIR; `.js` as ES modules or classic scripts, `.css`).
// scripts/post-build.sh runs it on every release build. Figures (first visit, brotli): docs/performance.md,
// "The first-visit round". Errors: a file esbuild cannot parse stops the build with esbuild's message.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const [dir, ...files] = process.argv.slice(2);
if (!dir || files.length === 0) {
  console.error('usage: node scripts/minify.mjs DIR FILE…');
  process.exit(2);
}

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const indexPath = join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8');
let before = 0;
let after = 0;
for (const file of files) {
  const path = join(dir, file);
  const source = readFileSync(path);
  const loader = file.endsWith('.css') ? 'css' : 'js';
  // An ES module keeps its exports' names (wasm-bindgen's glue is imported by name); a classic script's top-level
  // names are globals, which esbuild keeps unless told the format.
  const format = loader === 'js' && /^\s*(import|export)\b/m.test(source.toString()) ? 'esm' : undefined;
  const { code } = transformSync(source.toString(), { loader, minify: true, format, legalComments: 'none' });
  writeFileSync(path, code);
  before += source.length;
  after += Buffer.byteLength(code);
  // The integrity Trunk wrote was over the file as it was: a tag that names the file with another hash is an error.
  const href = `/${file.replace(/^\.\//, '')}`;
  const tag = index.split('<').find((t) => t.includes(`href="${href}"`));
  if (tag?.includes('integrity=') && !tag.includes(sri(source))) {
    console.error(`minify: index.html gives ${href} an integrity that is not the built file's`);
    process.exit(1);
  }
  index = index.replace(sri(source), sri(Buffer.from(code)));
}
writeFileSync(indexPath, index);
console.log(`minify: ${files.length} files, ${before} → ${after} bytes`);
