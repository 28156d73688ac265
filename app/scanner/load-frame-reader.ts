/**
 * The one place that imports the decoder chunk: the scan screens when the camera opens, and the
 * panel once it is idle, so that by the time 扫一扫 is tapped the chunk and its .wasm are usually ready.
 */
import type { FrameReader } from './frame-reader.ts';
import type { ScanKind } from './qr-passes.ts';

export const loadFrameReader = (kind: ScanKind = 'qr'): Promise<FrameReader> => import('./frame-reader.ts').then(({ loadFrameReader }) => loadFrameReader(kind));
