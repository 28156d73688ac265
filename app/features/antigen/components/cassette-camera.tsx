import '../../../scanner/qr-scanner.css';
/**
 * The cassette photo taken in the app: the camera opens with a frame to put the cassette in, a few times
 * a second a frame is checked for the cassette and its window (the strip reader's own first step, in a
 * worker), and once it has been found whole, near enough and still for a moment (./cassette-framing.ts)
 * that very frame is the photo. The shutter button takes the current frame whenever the citizen wants.
 * Loaded with import() when the citizen opens it; the camera is the scanner's (app/scanner/).
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { CameraButtons, CameraStatus, type ProblemMessages } from '../../../scanner/camera-chrome.tsx';
import { startCamera } from '../../../scanner/camera.ts';
import { useCamera } from '../../../scanner/use-camera.ts';
import { addSighting, judgeFraming, type Framing, type Sighting } from '../cassette-framing.ts';
import { createCassetteFinder } from '../cassette-finder.ts';
import { fitWithin } from '../fit-within.ts';

const problemMessages: ProblemMessages = {
  denied: 'antigen.camera.problem.denied',
  'no-camera': 'antigen.camera.problem.noCamera',
  busy: 'antigen.camera.problem.busy',
  insecure: 'antigen.camera.problem.insecure',
  unknown: 'antigen.camera.problem.unknown',
};

const framingMessages = {
  searching: 'antigen.camera.searching',
  closer: 'antigen.camera.closer',
  inside: 'antigen.camera.inside',
  hold: 'antigen.camera.hold',
  steady: 'antigen.camera.taking',
} as const satisfies Record<Framing, string>;

/** A frame is checked at most this often: enough to see a hand keep still, little work for a phone. */
const checkEveryMs = 200;
/** Frames are checked at this longest side, the size the strip reader works at anyway. */
const checkSide = 360;

/** The video's current frame, whole, in a canvas of its own. */
function copyFrame(video: HTMLVideoElement): HTMLCanvasElement | null {
  if (video.videoWidth === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')?.drawImage(video, 0, 0);
  return canvas;
}

function smallPixels(frame: HTMLCanvasElement): ImageData | null {
  const canvas = Object.assign(document.createElement('canvas'), fitWithin(frame.width, frame.height, checkSide));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(frame, 0, 0, canvas.width, canvas.height);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

export function CassetteCamera({ onCapture }: { onCapture: (frame: HTMLCanvasElement) => void }) {
  const { t } = useI18n();
  const [framing, setFraming] = useState<Framing>('searching');
  const taken = useRef(false);
  const take = useRef<(frame: HTMLCanvasElement) => void>(() => undefined);
  const section = useRef<HTMLElement>(null);


  const video = useRef<HTMLVideoElement>(null);
  const camera = useCamera(video, (element, callbacks) => {
    const finder = createCassetteFinder();
    let sightings: Sighting[] = [];
    let checkedAt = -Infinity;
    const controller = startCamera(
      element,
      () =>
        Promise.resolve(async (current: HTMLVideoElement, live: () => boolean) => {
          const now = performance.now();
          if (taken.current || now - checkedAt < checkEveryMs) return;
          checkedAt = now;
          const frame = copyFrame(current);
          const pixels = frame && smallPixels(frame);
          if (!frame || !pixels) return;
          const size = { width: pixels.width, height: pixels.height };
          const cassette = await finder.find(pixels);
          // A photo taken meanwhile (the shutter) stopped the camera.
          if (!live()) return;
          sightings = addSighting(sightings, { at: now, frame: size, cassette });
          const verdict = judgeFraming(sightings);
          setFraming(verdict);
          if (verdict === 'steady') take.current(frame);
        }),
      callbacks,
    );
    return {
      ...controller,
      stop() {
        controller.stop();
        finder.close();
      },
    };
  });

  useEffect(() => {
    take.current = (frame) => {
      if (taken.current) return;
      taken.current = true;
      camera.stop();
      onCapture(frame);
    };
  });

  const running = camera.state.kind === 'running';
  // The button that opens the camera sits low on a long form: once the video has its size, bring the viewfinder
  // and the shutter up under the thumb.
  useEffect(() => {
    if (running) section.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [running]);
  return (
    <section ref={section} className="qr-scanner cassette-camera" aria-label={t('antigen.camera.label')}>
      <div className="qr-scanner__view cassette-camera__view" hidden={camera.state.kind === 'problem'}>
        <video ref={video} muted playsInline aria-hidden="true" />
        <div className={`cassette-camera__guide cassette-camera__guide--${framing}`} aria-hidden="true">
          <span>{t('antigen.camera.guide')}</span>
        </div>
      </div>
      <CameraStatus camera={camera} problems={problemMessages} running={framingMessages[framing]} />
      {running && (
        <button
          type="button"
          className="button button--primary cassette-camera__shutter"
          onClick={() => {
            const frame = video.current && copyFrame(video.current);
            if (frame) take.current(frame);
          }}
        >
          {t('antigen.camera.shutter')}
        </button>
      )}
      {running && <p className="field__hint">{t('antigen.camera.shutterHint')}</p>}
      <CameraButtons camera={camera} />
    </section>
  );
}
