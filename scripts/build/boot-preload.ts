/**
 * The HTML shell's first script is the boot module (app/boot.ts), which imports the React app (main.tsx) only
 * once the code is painted. So that the app's chunks are not fetched only then, this links them as
 * modulepreload in the shell: the browser fetches and compiles them while the boot module reads IndexedDB,
 * signs and paints, and evaluates them when it is asked to.
 */
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  facadeModuleId?: string | null;
  imports?: string[];
}

/** The chunk of `entry` and every chunk it imports statically, in load order. */
export function staticClosure(bundle: Record<string, ChunkLike>, entryFile: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const chunk = bundle[file];
    if (chunk?.type === 'chunk') for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entryFile);
  return [...seen];
}

export function bootPreload(appEntry = '/app/main.tsx'): Plugin {
  return {
    name: 'suishen-boot-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = (ctx.bundle ?? {}) as Record<string, ChunkLike>;
        const app = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith(appEntry));
        if (!app) throw new Error(`bootPreload: no chunk for ${appEntry}`);
        const linked = new Set([...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((match) => match[1]));
        return staticClosure(bundle, app.fileName)
          .filter((file) => !linked.has(file))
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}
