import './qr-scanner.css';
/**
 * The camera viewfinder as a component: `<QrScanner onDecoded={...} />`. The camera opens as soon as
 * this mounts, the decoder is imported alongside, and both stop when it unmounts (leaving the screen).
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n-provider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { CameraButtons, CameraStatus, type ProblemMessages } from './camera-chrome.tsx';
import { startScanner } from './camera.ts';
import { loadFrameReader } from './load-frame-reader.ts';
import type { ScanKind } from './qr-passes.ts';
import { useCamera } from './use-camera.ts';

const problemMessages: ProblemMessages = {
  denied: 'scanner.problem.denied',
  'no-camera': 'scanner.problem.noCamera',
  busy: 'scanner.problem.busy',
  insecure: 'scanner.problem.insecure',
  unknown: 'scanner.problem.unknown',
};

/**
 * `onDecoded` hears each text a frame holds; when a frame holds several codes and `wanted` accepts
 * some, it hears only those (a venue code on the scan screen, a health code on the verifier). `kind`
 * 'kit' reads a kit's UDI barcode (DataMatrix, QR or GS1-128) instead of QR codes only.
 */
export function QrScanner({
  onDecoded,
  wanted,
  kind = 'qr',
  aim = 'scanner.aim',
  problems = problemMessages,
}: {
  onDecoded: (text: string) => void;
  wanted?: (text: string) => boolean;
  kind?: ScanKind;
  aim?: MessageKey;
  /** What the screen offers instead when the camera cannot open (by default a venue's photo and number fallbacks). */
  problems?: ProblemMessages;
}) {
  const { t } = useI18n();
  const latest = useRef({ onDecoded, wanted });

  useEffect(() => {
    latest.current = { onDecoded, wanted };
  }, [onDecoded, wanted]);

  const video = useRef<HTMLVideoElement>(null);
  const camera = useCamera(
    video,
    (element, callbacks) =>
      startScanner(element, () => loadFrameReader(kind), {
        ...callbacks,
        onDecoded: (texts) => {
          const { onDecoded: report, wanted: accept } = latest.current;
          const chosen = accept && texts.some(accept) ? texts.filter(accept) : texts;
          for (const text of chosen) report(text);
        },
      }),
    { restartKey: kind },
  );

  return (
    <section className="qr-scanner" aria-label={t('scanner.label')}>
      <div className="qr-scanner__view" hidden={camera.state.kind === 'problem'}>
        <video ref={video} muted playsInline aria-hidden="true" />
      </div>
      <CameraStatus camera={camera} problems={problems} running={aim} />
      <CameraButtons camera={camera} />
    </section>
  );
}
