/**
 * Reads QR codes from camera frames, loaded with import() when a scan screen opens (or earlier, when
 * the panel is idle: see ./prefetch.ts), so the decoder stays out of the panel's first load.
 */
import { prepareDecoder, readCodes } from './decoder.ts';
import { framePasses, type ScanKind } from './qr-passes.ts';

export type FrameReader = (video: HTMLVideoElement) => Promise<string[]>;

/** Copies the video's current frame into a canvas and returns it, sized to the frame. */
function frameGrabber() {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return (video: HTMLVideoElement) => {
    if (!context || video.videoWidth === 0) return null;
    if (canvas.width !== video.videoWidth) canvas.width = video.videoWidth;
    if (canvas.height !== video.videoHeight) canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    return { canvas, pixels: () => context.getImageData(0, 0, canvas.width, canvas.height) };
  };
}

/**
 * ZXing-C++ WebAssembly over each frame's pixels. When the WebAssembly cannot load, html5-qrcode's
 * own decoder (zxing-js) reads the frames instead: scanning still works, only less well.
 */
export async function loadFrameReader(kind: ScanKind = 'qr'): Promise<FrameReader> {
  const grab = frameGrabber();
  const { options, texts } = framePasses[kind];
  try {
    await prepareDecoder();
    return async (video) => {
      const frame = grab(video);
      return frame ? texts(await readCodes(frame.pixels(), options)) : [];
    };
  } catch {
    const [{ Html5QrcodeShim }, { Html5QrcodeSupportedFormats, BaseLoggger }] = await Promise.all([
      import('html5-qrcode/esm/code-decoder.js'),
      import('html5-qrcode/esm/core.js'),
    ]);
    const formats =
      kind === 'kit'
        ? [Html5QrcodeSupportedFormats.DATA_MATRIX, Html5QrcodeSupportedFormats.QR_CODE, Html5QrcodeSupportedFormats.CODE_128]
        : [Html5QrcodeSupportedFormats.QR_CODE];
    const decoder = new Html5QrcodeShim(formats, false, false, new BaseLoggger(false));
    return async (video) => {
      const frame = grab(video);
      if (!frame) return [];
      // zxing-js rejects a frame without a code: that is the usual answer, not a failure.
      return decoder.decodeAsync(frame.canvas).then(
        (result) => (result.text === '' ? [] : [result.text]),
        () => [],
      );
    };
  }
}
