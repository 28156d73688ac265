/**
 * The camera scanner, loaded with import() only when a scan screen opens: html5-qrcode and the
 * WebAssembly decoder stay out of the panel's first load. html5-qrcode drives the camera and the
 * frame loop; with `useBarCodeDetectorIfSupported` it decodes frames with the ZXing-C++ detector
 * registered by ./decoder.ts, which reads far more real-world codes than its built-in zxing-js.
 */
import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { classifyCameraError, describeRejection, type CameraProblem } from './camera-error.ts';
import { prepareDecoder, qrDetector } from './decoder.ts';

export interface ScannerController {
  /** Stops the camera and releases the element; safe to call more than once and before the start settles. */
  stop(): Promise<void>;
  /** Moves to the next camera, when there is more than one. */
  switchCamera(): Promise<void>;
  cameraCount(): Promise<number>;
  torchSupported(): boolean;
  setTorch(on: boolean): Promise<void>;
}

export interface ScannerCallbacks {
  onDecoded(text: string): void;
  onProblem(problem: CameraProblem, detail: string): void;
  /** Called once frames are on screen. */
  onStarted?(): void;
}

const scanConfig = {
  fps: 10,
  qrbox: (width: number, height: number) => {
    const side = Math.floor(Math.min(width, height) * 0.8);
    return { width: side, height: side };
  },
};

function libraryConfig() {
  return { verbose: false, formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE], experimentalFeatures: { useBarCodeDetectorIfSupported: true } };
}

/** Starts the rear camera (where there is one) in the element with `elementId` and reports every decoded text. */
export async function startScanner(elementId: string, callbacks: ScannerCallbacks): Promise<ScannerController> {
  // A failed decoder load still leaves html5-qrcode's own decoder: scanning works, only less well.
  await prepareDecoder().catch(() => undefined);
  const scanner = new Html5Qrcode(elementId, libraryConfig());
  let stopped = false;
  let cameraIndex = -1;
  let cameras: Promise<{ id: string }[]> | undefined;

  const onDecoded = (text: string) => {
    if (!stopped && text !== '') callbacks.onDecoded(text);
  };

  async function begin(camera: string | MediaTrackConstraints): Promise<void> {
    if (!window.isSecureContext || !('mediaDevices' in navigator)) {
      callbacks.onProblem('insecure', 'no secure context');
      return;
    }
    try {
      await scanner.start(camera, scanConfig, onDecoded, () => undefined);
      if (stopped) await halt();
      else callbacks.onStarted?.();
    } catch (error) {
      if (!stopped) callbacks.onProblem(classifyCameraError(error, window.isSecureContext), describeRejection(error));
    }
  }

  async function halt(): Promise<void> {
    if (scanner.isScanning) await scanner.stop().catch(() => undefined);
  }

  let running = begin({ facingMode: 'environment' });

  const controller: ScannerController = {
    async stop() {
      stopped = true;
      await running;
      await halt();
      try {
        scanner.clear();
      } catch {
        // Already cleared, or the element left the page first: nothing is left to release.
      }
    },
    async cameraCount() {
      cameras ??= Html5Qrcode.getCameras().catch(() => []);
      return (await cameras).length;
    },
    async switchCamera() {
      cameras ??= Html5Qrcode.getCameras().catch(() => []);
      const list = await cameras;
      if (list.length < 2 || stopped) return;
      cameraIndex = (cameraIndex + 1) % list.length;
      const next = list[cameraIndex];
      if (!next) return;
      await running;
      await halt();
      running = begin(next.id);
      await running;
    },
    torchSupported() {
      try {
        return scanner.isScanning && scanner.getRunningTrackCameraCapabilities().torchFeature().isSupported();
      } catch {
        return false;
      }
    },
    async setTorch(on) {
      if (controller.torchSupported()) await scanner.getRunningTrackCameraCapabilities().torchFeature().apply(on);
    },
  };
  return controller;
}

export type PhotoDecode = { ok: true; text: string } | { ok: false; reason: 'no-code' | 'unreadable'; detail: string };

/**
 * Reads a QR from a photo. The file goes to the detector first, as it is: html5-qrcode draws photos
 * onto a canvas padded with transparent pixels, which the WebAssembly detector reads as black.
 * Its own decoder is the second try. An empty text counts as nothing found.
 */
export async function decodeImageFile(file: File): Promise<PhotoDecode> {
  try {
    const detector = await qrDetector();
    const bitmap = await createImageBitmap(file);
    try {
      const found = (await detector.detect(bitmap)).find((code) => code.rawValue !== '');
      if (found) return { ok: true, text: found.rawValue };
    } finally {
      bitmap.close();
    }
  } catch {
    // The detector could not load or could not read this file: html5-qrcode's decoder gets its turn.
  }

  const host = document.createElement('div');
  host.id = `photo-decoder-${crypto.randomUUID()}`;
  host.hidden = true;
  document.body.append(host);
  try {
    const result = await new Html5Qrcode(host.id, libraryConfig()).scanFileV2(file, false);
    return result.decodedText === '' ? { ok: false, reason: 'no-code', detail: 'empty result' } : { ok: true, text: result.decodedText };
  } catch (error) {
    const detail = describeRejection(error);
    // html5-qrcode rejects with a bare Event when the browser cannot load the file as an image at all.
    return { ok: false, reason: error instanceof Event ? 'unreadable' : 'no-code', detail };
  } finally {
    host.remove();
  }
}
