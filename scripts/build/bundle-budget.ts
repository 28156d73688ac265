/**
 * Prints and enforces the size of the JavaScript a phone downloads before the panel can render:
 * the entry script plus every chunk index.html preloads, gzipped (scripts/build/bundle-files.ts), in two
 * budgets: the boot module that paints the code (app/boot.ts and what it imports) and the React app behind it.
 * Lazily loaded chunks (scanner, decoder) are listed but do not count against the budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootFiles, builtFiles, distDir, gzipKb, sentKb } from './bundle-files.ts';

/**
 * The panel's initial JavaScript on React 19, react-dom most of it. The code need not wait for it (app/boot/
 * paints it first); growth past the budget is a decision, not a drift.
 */
const budgetKb = 126;
/** The boot module with its QR encoder and everything it imports (IndexedDB, signing, the clock): it paints the code before anything else loads. */
const bootBudgetKb = 12;
const { initialScripts: initial, lazyScripts: lazy } = builtFiles();
const boot = bootFiles();
const app = initial.filter((file) => !boot.includes(file));
const sum = (files: readonly string[], size: (file: string) => number) => files.reduce((total, file) => total + size(file), 0);
const bootKb = sum(boot, gzipKb);
const initialKb = sum(app, gzipKb);
const sentTotalKb = sum(initial, sentKb);

console.log(`Boot module (paints the code): ${bootKb.toFixed(1)} KB gzipped (budget ${bootBudgetKb} KB)`);
for (const file of boot) console.log(`  ${file}  ${gzipKb(file).toFixed(1)} KB`);
console.log(`Initial JavaScript of the React app behind it: ${initialKb.toFixed(1)} KB gzipped (budget ${budgetKb} KB); both ${sentTotalKb.toFixed(1)} KB as sent (brotli)`);
for (const file of app) console.log(`  ${file}  ${gzipKb(file).toFixed(1)} KB`);
if (lazy.length > 0) {
  console.log('Loaded on demand:');
  for (const file of lazy) console.log(`  ${file}  ${gzipKb(file).toFixed(1)} KB`);
}
if (bootKb > bootBudgetKb) {
  console.error(`Boot module over budget by ${(bootKb - bootBudgetKb).toFixed(1)} KB`);
  process.exit(1);
}
if (initialKb > budgetKb) {
  console.error(`Over budget by ${(initialKb - budgetKb).toFixed(1)} KB`);
  process.exit(1);
}
/** Strings only the app's framework and schemas contain: the boot module must paint without them. */
const bootForbidden = { react: 'react.transitional.element', 'react-dom': 'ReactDOM', zod: '$ZodType' };
for (const file of boot) {
  const source = readFileSync(join(distDir, file), 'utf8');
  for (const [library, marker] of Object.entries(bootForbidden)) {
    if (source.includes(marker)) {
      console.error(`${library} is in the boot module (${file}): it must paint the code before any framework loads`);
      process.exit(1);
    }
  }
}
console.log('Boot module: no React, no zod');

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
