/**
 * Prints and enforces the size of the JavaScript a phone downloads before the panel can render:
 * the entry script plus every chunk index.html preloads, gzipped (scripts/build/bundle-files.ts).
 * Lazily loaded chunks (scanner, decoder) are listed but do not count against the budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtFiles, distDir, gzipKb, sentKb } from './bundle-files.ts';

/**
 * The panel's initial JavaScript on React 19 (issue 23: no more Preact compat layer): 122.9 KB when the
 * alias was removed (63.3 KB on Preact), react-dom being nearly all the growth. The code need not wait for it
 * (app/boot/ paints it first); growth past the budget is a decision, not a drift.
 */
const budgetKb = 126;
const { initialScripts: initial, lazyScripts: lazy } = builtFiles();
const initialKb = initial.reduce((sum, file) => sum + gzipKb(file), 0);
const sentTotalKb = initial.reduce((sum, file) => sum + sentKb(file), 0);

console.log(`Initial JavaScript of the panel: ${initialKb.toFixed(1)} KB gzipped (budget ${budgetKb} KB), ${sentTotalKb.toFixed(1)} KB as sent (brotli)`);
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
const scannerMarkers = { 'html5-qrcode': 'qr-shaded-region', 'zxing-wasm': 'zxing_reader' };
for (const file of initial) {
  const source = readFileSync(join(distDir, file), 'utf8');
  for (const [library, marker] of Object.entries(scannerMarkers)) {
    if (source.includes(marker)) {
      console.error(`${library} is in the initial load (${file}); import the scanner with import() only`);
      process.exit(1);
    }
  }
}
console.log('Scanner libraries (html5-qrcode, zxing-wasm): not in the initial load');
