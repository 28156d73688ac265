/**
 * A camera on screen as React state: opens when the component mounts (and again on `retry` or when
 * `restartKey` changes), closes when it unmounts, and carries what the controls need (starting, running
 * or the problem, how many cameras, the torch). What the frames are for is the caller's `start`.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { CameraProblem } from './camera-error.ts';
import { createCameraRetry, type CameraRetry } from './camera-retry.ts';
import type { CameraCallbacks, ScannerController } from './camera.ts';

export type CameraState = { kind: 'starting' } | { kind: 'running' } | { kind: 'problem'; problem: CameraProblem };

export type StartCamera = (video: HTMLVideoElement, callbacks: Required<CameraCallbacks>) => ScannerController;

export interface CameraOptions {
  /** The camera opens again when this changes (another kind of code to scan). */
  restartKey?: unknown;
  /**
   * For a camera that runs all day with nobody to tap "retry" (the 数字哨兵 kiosk): a failed start or an
   * ended track opens it again by itself, after a growing delay or at once when a camera is plugged in.
   */
  reopen?: boolean;
}

export interface Camera {
  state: CameraState;
  cameraCount: number;
  torch: { supported: boolean; on: boolean };
  retry: () => void;
  switchCamera: () => Promise<void>;
  toggleTorch: () => Promise<void>;
  /** Stops the camera now (a photo was taken), before the component leaves the screen. */
  stop: () => void;
}

/** Plays the camera in the `video` element the caller renders. */
export function useCamera(video: RefObject<HTMLVideoElement | null>, start: StartCamera, options: CameraOptions = {}): Camera {
  const { restartKey = null, reopen = false } = options;
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const again = useRef<CameraRetry | null>(null);
  const [cameraCount, setCameraCount] = useState(0);
  const [torch, setTorch] = useState<{ supported: boolean; on: boolean }>({ supported: false, on: false });
  const controller = useRef<ScannerController | null>(null);
  // The caller's start is a new function on every render; the camera restarts only on retry or restartKey.
  const latestStart = useRef(start);

  useEffect(() => {
    latestStart.current = start;
  }, [start]);

  // Declared before the camera's effect, so the retry is there when the first start fails.
  useEffect(() => {
    if (!reopen) return;
    const retry = createCameraRetry({
      restart: () => setAttempt((n) => n + 1),
      setTimer: (run, ms) => window.setTimeout(run, ms),
      clearTimer: (timer) => window.clearTimeout(timer as number),
    });
    again.current = retry;
    const changed = () => retry.deviceChanged();
    // Absent outside a secure context; the start then reports that as its problem.
    const devices = 'mediaDevices' in navigator ? navigator.mediaDevices : null;
    devices?.addEventListener('devicechange', changed);
    return () => {
      devices?.removeEventListener('devicechange', changed);
      retry.dispose();
      again.current = null;
    };
  }, [reopen]);

  useEffect(() => {
    if (!video.current) return;
    let cancelled = false;
    let running: ScannerController | null = null;
    const lost = (problem: CameraProblem) => {
      if (cancelled) return;
      setState({ kind: 'problem', problem });
      if (!again.current) return;
      // This attempt is over: close it and let the retry open the next (a start that failed before
      // returning opened nothing, so there is nothing to close).
      cancelled = true;
      running?.stop();
      again.current.failed();
    };
    const started = latestStart.current(video.current, {
      onProblem: lost,
      // The track ended by itself: the camera was unplugged or taken by the system.
      onEnded: () => lost('no-camera'),
      onStarted: () => {
        if (cancelled) return;
        again.current?.running();
        setState({ kind: 'running' });
        void started.cameraCount().then((count) => {
          if (!cancelled) {
            setCameraCount(count);
            setTorch({ supported: started.torchSupported(), on: false });
          }
        });
      },
    });
    running = started;
    controller.current = started;
    return () => {
      cancelled = true;
      controller.current = null;
      started.stop();
    };
  }, [attempt, restartKey, video]);

  return {
    state,
    cameraCount,
    torch,
    retry: () => {
      setState({ kind: 'starting' });
      setAttempt((n) => n + 1);
    },
    switchCamera: async () => {
      setTorch({ supported: false, on: false });
      await controller.current?.switchCamera();
      setTorch({ supported: controller.current?.torchSupported() ?? false, on: false });
    },
    toggleTorch: async () => {
      const next = !torch.on;
      await controller.current?.setTorch(next).then(
        () => setTorch({ supported: true, on: next }),
        () => setTorch({ supported: false, on: false }),
      );
    },
    stop: () => {
      controller.current?.stop();
    },
  };
}
