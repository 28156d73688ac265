/**
 * What every camera screen shows around its video: "opening the camera", the problem with a retry, and
 * the switch-camera and torch buttons where the phone has them. Each screen says what to do instead in
 * its own problem messages (check in by number, choose a photo from the album).
 */
import { useI18n } from '../i18n/i18n-provider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { CameraProblem } from './camera-error.ts';
import type { Camera } from './use-camera.ts';

export type ProblemMessages = Record<CameraProblem, MessageKey>;

export function CameraStatus({ camera, problems, running }: { camera: Camera; problems: ProblemMessages; running: MessageKey }) {
  const { t } = useI18n();
  const { state } = camera;
  if (state.kind !== 'problem') {
    // One live region from "opening" on, so that the cassette camera's guidance (closer, hold still) is spoken as it changes.
    return (
      <p className="qr-scanner__status" role="status">
        {t(state.kind === 'starting' ? 'scanner.starting' : running)}
      </p>
    );
  }
  return (
    <div className="qr-scanner__problem" role="alert">
      <p>{t(problems[state.problem])}</p>
      <button type="button" className="button button--secondary" onClick={camera.retry}>
        {t('scanner.retry')}
      </button>
    </div>
  );
}

export function CameraButtons({ camera }: { camera: Camera }) {
  const { t } = useI18n();
  const { state, cameraCount, torch } = camera;
  if (state.kind !== 'running' || (cameraCount < 2 && !torch.supported)) return null;
  return (
    <div className="button-row">
      {cameraCount > 1 && (
        <button type="button" className="button button--secondary" onClick={() => void camera.switchCamera()}>
          {t('scanner.switchCamera')}
        </button>
      )}
      {torch.supported && (
        <button type="button" className="button button--secondary" aria-pressed={torch.on} onClick={() => void camera.toggleTorch()}>
          {t(torch.on ? 'scanner.torchOff' : 'scanner.torchOn')}
        </button>
      )}
    </div>
  );
}
