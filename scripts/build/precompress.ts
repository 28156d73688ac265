/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, at the highest levels:
 * compressing once at build time costs a second, compressing per request would cost the server's CPU and
 * give worse ratios. The server (server/http/static-files.ts) picks the copy the browser accepts.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text (and WebAssembly, which shrinks by two thirds); images and fonts are compressed already. */
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.wasm']);

export const encoders = {
  '.br': (data: Buffer) =>
    brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  '.gz': (data: Buffer) => gzipSync(data, { level: 9 }),
} as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Compresses every compressible file under `dir`; a copy that would not be smaller is not written. */
export function precompressDir(dir: string): void {
  for (const file of filesUnder(dir).filter((path) => compressible.has(extname(path)))) {
    const data = readFileSync(file);
    for (const [suffix, encode] of Object.entries(encoders)) {
      const packed = encode(data);
      if (packed.length < data.length) writeFileSync(file + suffix, packed);
    }
  }
}

/**
 * Runs after every other plugin has closed the bundle, so the service worker that vite-plugin-pwa writes
 * in its own closeBundle is compressed too.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'suishen-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        precompressDir(outDir);
      },
    },
  };
}
