import { useEffect, useRef } from 'react';
import { useKioskText, type KioskMessageKey } from '../../../i18n/kiosk-messages.ts';
import { startScanner } from '../../../scanner/camera.ts';
import { loadFrameReader } from '../../../scanner/load-frame-reader.ts';
import { useCamera, type CameraState } from '../../../scanner/use-camera.ts';
import { isHealthCodeText } from '../../../verification/verify-health-code.ts';

/**
 * The kiosk's camera, running all day: every frame decoded, and a camera that fails or goes away opens
 * again by itself, so nobody needs to reload the page or tap "retry".
 */
export function KioskCamera({ onDecoded }: { onDecoded: (text: string) => void }) {
  const k = useKioskText();
  const video = useRef<HTMLVideoElement>(null);
  const latest = useRef(onDecoded);

  useEffect(() => {
    latest.current = onDecoded;
  }, [onDecoded]);

  const camera = useCamera(
    video,
    (element, callbacks) =>
      startScanner(element, loadFrameReader, {
        ...callbacks,
        onDecoded: (texts) => {
          const chosen = texts.some(isHealthCodeText) ? texts.filter(isHealthCodeText) : texts;
          for (const text of chosen) latest.current(text);
        },
      }),
    { reopen: true },
  );
  const state = shownState(camera.state);

  return (
    <div className="kiosk-camera" data-state={state}>
      <video ref={video} muted playsInline aria-hidden="true" />
      <p className="kiosk-camera__status" role={state === 'running' ? undefined : 'status'}>
        {k(statusText[state])}
      </p>
    </div>
  );
}

type Shown = 'starting' | 'running' | 'retrying' | 'denied';

const statusText: Record<Shown, KioskMessageKey> = {
  starting: 'kiosk.camera.starting',
  running: 'kiosk.aim',
  retrying: 'kiosk.camera.retrying',
  denied: 'kiosk.camera.denied',
};

/** Staff can fix a refused permission; any other problem the kiosk is already retrying by itself. */
function shownState(state: CameraState): Shown {
  if (state.kind !== 'problem') return state.kind;
  return state.problem === 'denied' || state.problem === 'insecure' ? 'denied' : 'retrying';
}
