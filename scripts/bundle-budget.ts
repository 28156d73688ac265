/**
 * Prints and enforces the size of the JavaScript a phone downloads before the panel can render:
 * the entry script plus every chunk index.html preloads, gzipped as the server would send them.
 * Lazily loaded chunks (scanner, decoder) are listed but do not count against the budget.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const budgetKb = 150;
const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/(assets\/[^"]+\.js)"/g)].map(
  (match) => match[1] ?? '',
);
if (initial.length === 0) throw new Error('No entry script found in dist/index.html');

const gzipKb = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
const initialKb = initial.reduce((sum, file) => sum + gzipKb(file), 0);
const lazy = readdirSync(join(dist, 'assets'))
  .filter((file) => file.endsWith('.js') && !initial.includes(`assets/${file}`))
  .map((file) => `assets/${file}`);

console.log(`Initial JavaScript of the panel: ${initialKb.toFixed(1)} KB gzipped (budget ${budgetKb} KB)`);
for (const file of initial) console.log(`  ${file}  ${gzipKb(file).toFixed(1)} KB`);
if (lazy.length > 0) {
  console.log('Loaded on demand:');
  for (const file of lazy) console.log(`  ${file}  ${gzipKb(file).toFixed(1)} KB`);
}
if (initialKb > budgetKb) {
  console.error(`Over budget by ${(initialKb - budgetKb).toFixed(1)} KB`);
  process.exit(1);
}

/** Strings only the camera scanner's libraries contain: finding one in the initial load means a static import crept in. */
const scannerMarkers = { 'html5-qrcode': 'qr-shaded-region', 'zxing-wasm / barcode-detector': 'zxing_reader' };
for (const file of initial) {
  const source = readFileSync(join(dist, file), 'utf8');
  for (const [library, marker] of Object.entries(scannerMarkers)) {
    if (source.includes(marker)) {
      console.error(`${library} is in the initial load (${file}); import the scanner with import() only`);
      process.exit(1);
    }
  }
}
console.log('Scanner libraries (html5-qrcode, barcode-detector, zxing-wasm): not in the initial load');
