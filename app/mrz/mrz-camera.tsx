import '../scanner/qr-scanner.css';
import './mrz-camera.css';
/**
 * The passport reader at the door: the camera with a frame for the MRZ, a frame at a time read (the band
 * found, OCR'd, check digits verified, ./mrz-ocr.ts) until two frames agree, and what was read. One live
 * region says what to do as it changes; a camera or OCR problem is an alert with a retry. `onRead` gets each
 * document once; the camera goes on for the next visitor.
 */
import { useEffect, useRef, useState } from 'react';
import type { Worker } from 'tesseract.js';
import type { DocumentRead } from '../../core/document-read.ts';
import { useReaderText, type ReaderMessageKey } from '../i18n/reader-messages.ts';
import type { CameraProblem } from '../scanner/camera-error.ts';
import { startCamera } from '../scanner/camera.ts';
import { useCamera } from '../scanner/use-camera.ts';
import { DocumentReadView } from '../ui/document-read-view.tsx';
import { createAgreement } from './mrz-agreement.ts';
import type { Gray } from './mrz-band.ts';
import { readMrzFrame } from './mrz-ocr.ts';

type Progress = 'loading' | 'searching' | 'reading' | 'confirming' | 'unreadable' | 'ocr-failed';

const progressText: Record<Progress, ReaderMessageKey> = {
  loading: 'mrz.loading',
  searching: 'mrz.searching',
  reading: 'mrz.reading',
  confirming: 'mrz.confirming',
  unreadable: 'mrz.unreadable',
  'ocr-failed': 'mrz.ocrFailed',
};

const cameraProblems: Record<CameraProblem, ReaderMessageKey> = {
  denied: 'mrz.camera.denied',
  'no-camera': 'mrz.camera.noCamera',
  busy: 'mrz.camera.busy',
  insecure: 'mrz.camera.insecure',
  unknown: 'mrz.camera.unknown',
};

/** Frames are read at this width at most: the MRZ's glyphs stay well above Tesseract's size, the work bounded. */
const readWidth = 1280;
/** After a document is read the same lines are not handed on again for this long (it is still in view). */
const sameDocumentMs = 10_000;

function grayFrame(video: HTMLVideoElement): Gray | null {
  if (video.videoWidth === 0) return null;
  const scale = Math.min(1, readWidth / video.videoWidth);
  const width = Math.round(video.videoWidth * scale);
  const height = Math.round(video.videoHeight * scale);
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  const luma = new Uint8Array(width * height);
  for (let i = 0; i < luma.length; i += 1) luma[i] = ((data[4 * i] ?? 0) * 77 + (data[4 * i + 1] ?? 0) * 150 + (data[4 * i + 2] ?? 0) * 29) >> 8;
  return { width, height, data: luma };
}

export function MrzCamera({ onRead, today }: { onRead: (document: DocumentRead) => void; today: string }) {
  const r = useReaderText();
  const [progress, setProgress] = useState<Progress>('loading');
  const [shown, setShown] = useState<DocumentRead | null>(null);
  const latest = useRef({ onRead, today });
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    latest.current = { onRead, today };
  }, [onRead, today]);

  const camera = useCamera(video, (element, callbacks) => {
    let worker: Worker | null = null;
    let closed = false;
    const agreement = createAgreement();
    let handed: { key: string; at: number } | null = null;
    const controller = startCamera(
      element,
      async () => {
        let made: Worker;
        try {
          made = await import('./load-ocr.ts').then(({ createOcrWorker }) => createOcrWorker());
        } catch (error) {
          setProgress('ocr-failed');
          throw error;
        }
        worker = made;
        if (closed) void made.terminate();
        setProgress('searching');
        return async (current, live) => {
          const frame = grayFrame(current);
          if (!frame || !worker) return;
          const outcome = await readMrzFrame(worker, frame, latest.current.today);
          if (!live()) return;
          if (outcome.kind !== 'read') {
            setProgress(outcome.kind === 'no-band' ? 'searching' : 'reading');
            return;
          }
          const now = Date.now();
          if (!agreement.offer(outcome.read, now)) {
            setProgress('confirming');
            return;
          }
          const key = outcome.read.lines.join('\n');
          if (handed?.key === key && now - handed.at < sameDocumentMs) return;
          handed = { key, at: now };
          const document: DocumentRead = { ...outcome.read.document, readAt: new Date(now).toISOString() };
          setShown(document);
          setProgress('searching');
          latest.current.onRead(document);
        };
      },
      callbacks,
    );
    return {
      ...controller,
      stop() {
        closed = true;
        controller.stop();
        void worker?.terminate();
      },
    };
  });

  const problem = camera.state.kind === 'problem' ? camera.state.problem : null;
  let line: ReaderMessageKey = camera.state.kind === 'starting' ? 'mrz.starting' : progressText[progress];
  if (problem) line = cameraProblems[problem];
  const alert = problem !== null || progress === 'ocr-failed';
  return (
    <section className="qr-scanner mrz-camera" aria-label={r('mrz.label')}>
      <div className="qr-scanner__view mrz-camera__view" hidden={problem !== null}>
        <video ref={video} muted playsInline aria-hidden="true" />
        <div className="mrz-camera__guide" aria-hidden="true">
          <span>{r('mrz.guide')}</span>
        </div>
      </div>
      <p className={`mrz-camera__status${alert ? ' mrz-camera__status--problem' : ''}`} role={alert ? 'alert' : 'status'}>
        {r(line)}
      </p>
      {alert && (
        <button type="button" className="button button--secondary" onClick={camera.retry}>
          {r('mrz.retry')}
        </button>
      )}
      {shown && <DocumentReadView document={shown} today={today} />}
    </section>
  );
}
