/**
 * Which built files a phone must download before the panel can render (the entry script, every chunk
 * index.html preloads, and its style sheets), which load on demand, and how many bytes each costs.
 * Shared by the size budget (scripts/build/bundle-budget.ts) and the benchmark report (scripts/bench/bench.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const distDir = join(import.meta.dirname, '..', '..', 'dist');

export interface BuiltFiles {
  initialScripts: string[];
  initialStyles: string[];
  lazyScripts: string[];
  lazyStyles: string[];
  /** The scanner's WebAssembly decoder, fetched with the scanner chunk. */
  lazyWasm: string[];
}

export function builtFiles(dist = distDir): BuiltFiles {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const linked = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1] ?? '');
  const initialScripts = linked(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/(assets\/[^"]+\.js)"/g);
  if (initialScripts.length === 0) throw new Error('No entry script found in dist/index.html');
  const initialStyles = linked(/<link[^>]+rel="stylesheet"[^>]+href="\/(assets\/[^"]+\.css)"/g);
  const assets = readdirSync(join(dist, 'assets')).map((file) => `assets/${file}`);
  const initial = new Set([...initialScripts, ...initialStyles]);
  return {
    initialScripts,
    initialStyles,
    lazyScripts: assets.filter((file) => file.endsWith('.js') && !initial.has(file)),
    lazyStyles: assets.filter((file) => file.endsWith('.css') && !initial.has(file)),
    lazyWasm: assets.filter((file) => file.endsWith('.wasm')),
  };
}

/** Gzipped at level 9 in memory: the same figure whatever the server sends. */
export const gzipKb = (file: string, dist = distDir) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;

/** What the server sends to a browser that accepts brotli: the build's .br copy where it wrote one. */
export function sentKb(file: string, dist = distDir): number {
  const path = join(dist, file);
  return statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size / 1024;
}

export const rawKb = (file: string, dist = distDir) => statSync(join(dist, file)).size / 1024;

/**
 * The boot module (the HTML shell's one entry script, app/boot.ts) and the chunks it imports statically: what
 * must arrive before the code is painted. The React app it imports dynamically is not among them.
 */
export function bootFiles(dist = distDir): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script[^>]+src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('No entry script found in dist/index.html');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(join(dist, file), 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(`assets/${match[1] ?? ''}`);
  };
  visit(entry);
  return [...seen];
}
