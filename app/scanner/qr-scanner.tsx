import './qr-scanner.css';
/**
 * The camera viewfinder as a component: `<QrScanner onDecoded={...} />`. The scanner library is
 * imported only when this mounts, and the camera stops when it unmounts (leaving the screen).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-provider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { CameraProblem } from './camera-error.ts';
import type { ScannerController } from './scanner.ts';

type State = { kind: 'starting' } | { kind: 'running' } | { kind: 'problem'; problem: CameraProblem };

const problemMessages: Record<CameraProblem, MessageKey> = {
  denied: 'scanner.problem.denied',
  'no-camera': 'scanner.problem.noCamera',
  busy: 'scanner.problem.busy',
  insecure: 'scanner.problem.insecure',
  unknown: 'scanner.problem.unknown',
};

export function QrScanner({ onDecoded }: { onDecoded: (text: string) => void }) {
  const { t } = useI18n();
  const elementId = `qr-scanner-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [state, setState] = useState<State>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const [cameraCount, setCameraCount] = useState(0);
  const [torch, setTorch] = useState<{ supported: boolean; on: boolean }>({ supported: false, on: false });
  const controller = useRef<ScannerController | null>(null);
  const latestOnDecoded = useRef(onDecoded);

  useEffect(() => {
    latestOnDecoded.current = onDecoded;
  }, [onDecoded]);

  useEffect(() => {
    let cancelled = false;
    const started: Promise<ScannerController> = import('./scanner.ts').then(({ startScanner }) =>
      startScanner(elementId, {
        onDecoded: (text) => latestOnDecoded.current(text),
        onProblem: (problem) => {
          if (!cancelled) setState({ kind: 'problem', problem });
        },
        onStarted: () => {
          if (cancelled) return;
          setState({ kind: 'running' });
          void started.then(async (running) => {
            const count = await running.cameraCount();
            if (!cancelled) {
              setCameraCount(count);
              setTorch({ supported: running.torchSupported(), on: false });
            }
          });
        },
      }),
    );
    started.then(
      (running) => {
        controller.current = running;
      },
      () => {
        if (!cancelled) setState({ kind: 'problem', problem: 'unknown' });
      },
    );
    return () => {
      cancelled = true;
      controller.current = null;
      void started.then((running) => running.stop()).catch(() => undefined);
    };
  }, [elementId, attempt]);

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
      <div id={elementId} className="qr-scanner__view" hidden={state.kind === 'problem'} />
      {state.kind === 'starting' && (
        <p className="qr-scanner__status" role="status">
          {t('scanner.starting')}
        </p>
      )}
      {state.kind === 'running' && <p className="qr-scanner__status">{t('scanner.aim')}</p>}
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
