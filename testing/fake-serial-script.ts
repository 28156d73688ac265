/** The test reader as one script for page.addInitScript: testing/fake-serial-install.ts and the codec it uses, bundled. */
import { buildSync } from 'esbuild';

export function fakeSerialInitScript(): string {
  const result = buildSync({ entryPoints: [new URL('./fake-serial-install.ts', import.meta.url).pathname], bundle: true, format: 'iife', write: false, target: 'es2022' });
  const [file] = result.outputFiles;
  if (!file) throw new Error('the fake serial port did not bundle');
  return file.text;
}
