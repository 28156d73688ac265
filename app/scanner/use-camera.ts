/**
 * A camera on screen as React state: opens when the component mounts (and again on `retry` or when
 * `restartKey` changes), closes when it unmounts, and carries what the controls need (starting, running
 * or the problem, how many cameras, the torch). What the frames are for is the caller's `start`.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { CameraProblem } from './camera-error.ts';
import type { CameraCallbacks, ScannerController } from './camera.ts';

export type CameraState = { kind: 'starting' } | { kind: 'running' } | { kind: 'problem'; problem: CameraProblem };

export type StartCamera = (video: HTMLVideoElement, callbacks: Pick<CameraCallbacks, 'onProblem' | 'onStarted'>) => ScannerController;

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
export function useCamera(video: RefObject<HTMLVideoElement | null>, start: StartCamera, restartKey: unknown = null): Camera {
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const [cameraCount, setCameraCount] = useState(0);
  const [torch, setTorch] = useState<{ supported: boolean; on: boolean }>({ supported: false, on: false });
  const controller = useRef<ScannerController | null>(null);
  // The caller's start is a new function on every render; the camera restarts only on retry or restartKey.
  const latestStart = useRef(start);

  useEffect(() => {
    latestStart.current = start;
  }, [start]);

  useEffect(() => {
    if (!video.current) return;
    let cancelled = false;
    const running = latestStart.current(video.current, {
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
