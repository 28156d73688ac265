import './qr-scanner.css';
/**
 * The camera viewfinder as a component: `<QrScanner onDecoded={...} />`. The camera opens as soon as
 * this mounts, the decoder is imported alongside, and both stop when it unmounts (leaving the screen).
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-provider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { CameraProblem } from './camera-error.ts';
import { startScanner, type ScannerController } from './camera.ts';
import { loadFrameReader } from './load-frame-reader.ts';
import type { ScanKind } from './qr-passes.ts';

type State = { kind: 'starting' } | { kind: 'running' } | { kind: 'problem'; problem: CameraProblem };

const problemMessages: Record<CameraProblem, MessageKey> = {
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
}: {
  onDecoded: (text: string) => void;
  wanted?: (text: string) => boolean;
  kind?: ScanKind;
  aim?: MessageKey;
}) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<State>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const [cameraCount, setCameraCount] = useState(0);
  const [torch, setTorch] = useState<{ supported: boolean; on: boolean }>({ supported: false, on: false });
  const controller = useRef<ScannerController | null>(null);
  const latest = useRef({ onDecoded, wanted });

  useEffect(() => {
    latest.current = { onDecoded, wanted };
  }, [onDecoded, wanted]);

  useEffect(() => {
    if (!video.current) return;
    let cancelled = false;
    const running = startScanner(video.current, () => loadFrameReader(kind), {
      onDecoded: (texts) => {
        const { onDecoded: report, wanted: accept } = latest.current;
        const chosen = accept && texts.some(accept) ? texts.filter(accept) : texts;
        for (const text of chosen) report(text);
      },
      onProblem: (problem) => {
        if (!cancelled) setState({ kind: 'problem', problem });
      },
      onStarted: () => {
        if (cancelled) return;
        setState({ kind: 'running' });
        void running.cameraCount().then((count) => {
          if (!cancelled) {
            setCameraCount(count);
            setTorch({ supported: running.torchSupported(), on: false });
          }
        });
      },
    });
    controller.current = running;
    return () => {
      cancelled = true;
      controller.current = null;
      running.stop();
    };
  }, [attempt, kind]);

  const switchCamera = async () => {
    setTorch({ supported: false, on: false });
    await controller.current?.switchCamera();
    setTorch({ supported: controller.current?.torchSupported() ?? false, on: false });
  };

  const toggleTorch = async () => {
    const next = !torch.on;
    await controller.current?.setTorch(next).then(
      () => setTorch({ supported: true, on: next }),
      () => setTorch({ supported: false, on: false }),
    );
  };

  return (
    <section className="qr-scanner" aria-label={t('scanner.label')}>
      <div className="qr-scanner__view" hidden={state.kind === 'problem'}>
        <video ref={video} muted playsInline aria-hidden="true" />
      </div>
      {state.kind === 'starting' && (
        <p className="qr-scanner__status" role="status">
          {t('scanner.starting')}
        </p>
      )}
      {state.kind === 'running' && <p className="qr-scanner__status">{t(aim)}</p>}
      {state.kind === 'problem' && (
        <div className="qr-scanner__problem" role="alert">
          <p>{t(problemMessages[state.problem])}</p>
          <button type="button" className="button button--secondary" onClick={() => {
              setState({ kind: 'starting' });
              setAttempt((n) => n + 1);
            }}>
            {t('scanner.retry')}
          </button>
        </div>
      )}
      {state.kind === 'running' && (cameraCount > 1 || torch.supported) && (
        <div className="button-row">
          {cameraCount > 1 && (
            <button type="button" className="button button--secondary" onClick={() => void switchCamera()}>
              {t('scanner.switchCamera')}
            </button>
          )}
          {torch.supported && (
            <button type="button" className="button button--secondary" aria-pressed={torch.on} onClick={() => void toggleTorch()}>
              {t(torch.on ? 'scanner.torchOff' : 'scanner.torchOn')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
