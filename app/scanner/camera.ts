/**
 * The camera side of scanning, small enough to ship with the scan screens themselves: the camera opens
 * the moment a scan screen mounts, while the decoder (./frame-reader.ts) is still loading, and once both
 * are there every frame the camera delivers is decoded, the next as soon as the last is read.
 * `startCamera` is the same camera with another use for its frames (the antigen cassette photo).
 */
import { classifyCameraError, describeRejection, type CameraProblem } from './camera-error.ts';
import type { FrameReader } from './frame-reader.ts';

export interface ScannerController {
  /** Stops the camera and the frame loop; safe to call more than once and before the start settles. */
  stop(): void;
  /** Moves to the next camera, when there is more than one. */
  switchCamera(): Promise<void>;
  cameraCount(): Promise<number>;
  torchSupported(): boolean;
  setTorch(on: boolean): Promise<void>;
}

export interface CameraCallbacks {
  onProblem(problem: CameraProblem, detail: string): void;
  /** Called once frames are on screen. */
  onStarted?(): void;
  /** The camera's track ended by itself (unplugged, taken away by the system): frames have stopped. */
  onEnded?(): void;
}

export interface ScannerCallbacks extends CameraCallbacks {
  /** The texts decoded from one frame (never none), several times a second while a code is in view. */
  onDecoded(texts: string[]): void;
}

/**
 * Looks at the video's current frame; the next frame is handed over only once this settles. `live` turns
 * false once the camera is stopped, so a result that arrives after that is dropped.
 */
export type FrameHandler = (video: HTMLVideoElement, live: () => boolean) => Promise<void>;

/** Chromium on Android lists a torch among a camera's capabilities and constraints; the DOM types do not yet. */
type TorchCapabilities = MediaTrackCapabilities & { torch?: boolean };

/** Plays the rear camera (where there is one) in `video` and reports every text decoded from its frames. */
export function startScanner(video: HTMLVideoElement, loadReader: () => Promise<FrameReader>, callbacks: ScannerCallbacks): ScannerController {
  return startCamera(
    video,
    async () => {
      const read = await loadReader();
      return async (frame, live) => {
        const texts = await read(frame);
        if (texts.length > 0 && live()) callbacks.onDecoded(texts);
      };
    },
    callbacks,
  );
}

/** Plays the rear camera (where there is one) in `video` and hands each frame to what `loadHandler` gives, one at a time. */
export function startCamera(video: HTMLVideoElement, loadHandler: () => Promise<FrameHandler>, callbacks: CameraCallbacks): ScannerController {
  let stopped = false;
  const isStopped = () => stopped;
  let stream: MediaStream | null = null;
  let cameras: Promise<MediaDeviceInfo[]> | undefined;
  let cameraIndex = -1;

  const release = () => {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    video.srcObject = null;
  };

  async function open(constraints: MediaTrackConstraints): Promise<boolean> {
    if (!window.isSecureContext || !('mediaDevices' in navigator)) {
      callbacks.onProblem('insecure', 'no secure context');
      return false;
    }
    try {
      const opened = await navigator.mediaDevices.getUserMedia({ video: constraints, audio: false });
      if (stopped) {
        for (const track of opened.getTracks()) track.stop();
        return false;
      }
      stream = opened;
      // Fired when the device goes away, never for our own stop(): the caller may open it again.
      for (const track of opened.getVideoTracks()) {
        track.addEventListener('ended', () => {
          if (!stopped && stream === opened) callbacks.onEnded?.();
        });
      }
      video.srcObject = opened;
      await video.play();
      // stop() may have run while the video was starting.
      if (isStopped()) return false;
      callbacks.onStarted?.();
      return true;
    } catch (error) {
      if (!stopped) callbacks.onProblem(classifyCameraError(error, window.isSecureContext), describeRejection(error));
      release();
      return false;
    }
  }

  function handleFrames(handle: FrameHandler) {
    const live = () => !stopped;
    const next = () => {
      if (!stopped) video.requestVideoFrameCallback(() => void readFrame());
    };
    const readFrame = async () => {
      try {
        await handle(video, live);
      } catch {
        // One unreadable frame (the camera switching, a frame torn mid-copy) is no reason to stop.
      }
      next();
    };
    next();
  }

  let running = open({ facingMode: 'environment' });
  void Promise.all([running, loadHandler()]).then(
    ([opened, handle]) => {
      if (opened) handleFrames(handle);
    },
    (error: unknown) => {
      if (!stopped) callbacks.onProblem('unknown', describeRejection(error));
    },
  );

  const listCameras = () => {
    cameras ??= navigator.mediaDevices
      .enumerateDevices()
      .then((devices) => devices.filter((device) => device.kind === 'videoinput'))
      .catch(() => []);
    return cameras;
  };
  const track = () => stream?.getVideoTracks()[0];

  const controller: ScannerController = {
    stop() {
      stopped = true;
      release();
    },
    async cameraCount() {
      return (await listCameras()).length;
    },
    async switchCamera() {
      const list = await listCameras();
      if (list.length < 2 || stopped) return;
      cameraIndex = (cameraIndex + 1) % list.length;
      const nextCamera = list[cameraIndex];
      if (!nextCamera) return;
      await running;
      release();
      // The frame loop waits on requestVideoFrameCallback, which fires again once the new stream plays.
      running = open({ deviceId: { exact: nextCamera.deviceId } });
      await running;
    },
    torchSupported() {
      const capabilities: TorchCapabilities | undefined = track()?.getCapabilities();
      return capabilities?.torch === true;
    },
    async setTorch(on) {
      const torch: MediaTrackConstraintSet & { torch: boolean } = { torch: on };
      if (controller.torchSupported()) await track()?.applyConstraints({ advanced: [torch] });
    },
  };
  return controller;
}
