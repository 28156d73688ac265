import { useEffect, useRef, useState } from 'react';
import { useKioskText } from '../../../i18n/kiosk-messages.ts';
import { createCameraRetry } from '../../../scanner/camera-retry.ts';
import { startScanner } from '../../../scanner/camera.ts';
import { loadFrameReader } from '../../../scanner/load-frame-reader.ts';
import { isHealthCodeText } from '../../../verification/verify-health-code.ts';

type State = 'starting' | 'running' | 'retrying' | 'denied';

/**
 * The kiosk's camera, running all day: every frame decoded; a camera that fails to start, or whose track
 * ends (unplugged, taken by the system), is opened again by itself with growing delays, and at once when
 * a camera is plugged in. Nobody needs to reload the page or tap "retry".
 */
export function KioskCamera({ onDecoded }: { onDecoded: (text: string) => void }) {
  const k = useKioskText();
  const video = useRef<HTMLVideoElement>(null);
  const latest = useRef(onDecoded);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State>('starting');
  const [retry] = useState(() =>
    createCameraRetry({
      restart: () => setAttempt((n) => n + 1),
      setTimer: (run, ms) => window.setTimeout(run, ms),
      clearTimer: (timer) => window.clearTimeout(timer as number),
    }),
  );

  useEffect(() => {
    latest.current = onDecoded;
  }, [onDecoded]);

  useEffect(() => {
    const changed = () => retry.deviceChanged();
    // Absent outside a secure context; the scanner then says so itself.
    const devices = 'mediaDevices' in navigator ? navigator.mediaDevices : null;
    devices?.addEventListener('devicechange', changed);
    return () => {
      devices?.removeEventListener('devicechange', changed);
      retry.dispose();
    };
  }, [retry]);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let cancelled = false;
    const lost = (next: State) => {
      if (cancelled) return;
      cancelled = true;
      setState(next);
      scanner.stop();
      retry.failed();
    };
    const scanner = startScanner(element, loadFrameReader, {
      onDecoded: (texts) => {
        const chosen = texts.some(isHealthCodeText) ? texts.filter(isHealthCodeText) : texts;
        for (const text of chosen) latest.current(text);
      },
      onProblem: (problem) => lost(problem === 'denied' || problem === 'insecure' ? 'denied' : 'retrying'),
      onEnded: () => lost('retrying'),
      onStarted: () => {
        if (cancelled) return;
        retry.running();
        setState('running');
      },
    });
    return () => {
      cancelled = true;
      scanner.stop();
    };
  }, [attempt, retry]);

  return (
    <div className="kiosk-camera" data-state={state}>
      <video ref={video} muted playsInline aria-hidden="true" />
      <p className="kiosk-camera__status" role={state === 'running' ? undefined : 'status'}>
        {state === 'running' && k('kiosk.aim')}
        {state === 'starting' && k('kiosk.camera.starting')}
        {state === 'retrying' && k('kiosk.camera.retrying')}
        {state === 'denied' && k('kiosk.camera.denied')}
      </p>
    </div>
  );
}
