import { useEffect, useState } from 'react';
import type { ApprovedKit, AntigenPhoto } from '../../../../core/contract/antigen.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import { PhotoError, resizeFrame, resizePhoto, type PhotoProblem, type ResizedPhoto } from '../resize-photo.ts';
import type { StripState } from '../components/strip-opinion.tsx';

const photoMessages = {
  notImage: 'antigen.error.photo.notImage',
  corrupt: 'antigen.error.photo.corrupt',
  tooLarge: 'antigen.error.photo.tooLarge',
} as const satisfies Record<PhotoProblem, MessageKey>;

/** The photo's JPEG as the form will upload it, for the strip reader. */
const photoBlob = (photo: AntigenPhoto) => new Blob([Uint8Array.from(atob(photo.base64), (char) => char.charCodeAt(0))], { type: photo.type });

/**
 * The cassette photo, chosen or taken: shrunk as it will be uploaded, then its strip read in the browser as a
 * second opinion against the scanned kit (or every approved kit). `setProblem` reports a photo that cannot be used.
 */
export function useCassettePhoto(knownKit: ApprovedKit | undefined, kits: readonly ApprovedKit[] | undefined, setProblem: (problem: MessageKey | undefined) => void) {
  const [photo, setPhoto] = useState<ResizedPhoto | null>(null);
  const [busy, setBusy] = useState(false);
  const [strip, setStrip] = useState<StripState | null>(null);

  useEffect(() => () => {
    if (photo) URL.revokeObjectURL(photo.previewUrl);
  }, [photo]);

  async function accept(resize: () => Promise<ResizedPhoto>) {
    setBusy(true);
    setStrip(null);
    try {
      const resized = await resize();
      setPhoto(resized);
      setProblem(undefined);
      setStrip({ kind: 'reading' });
      // The reading never blocks the form: a citizen may upload before it is done, and the server reads again.
      void import('../read-strip.ts')
        .then(({ readStripInBrowser, candidateTemplates }) => readStripInBrowser(photoBlob(resized), candidateTemplates(knownKit, kits)))
        .then(
          (reading) => setStrip((current) => (current ? { kind: 'read', reading } : current)),
          () => setStrip((current) => (current ? { kind: 'read', reading: { result: 'unreadable', control: null, test: null, reason: 'not-drawn' } } : current)),
        );
    } catch (error) {
      setPhoto(null);
      setProblem(error instanceof PhotoError ? photoMessages[error.problem] : 'antigen.error.photo.corrupt');
    } finally {
      setBusy(false);
    }
  }

  return {
    photo,
    busy,
    strip,
    chooseFile: (file: File) => void accept(() => resizePhoto(file)),
    takeFrame: (frame: HTMLCanvasElement) => void accept(() => resizeFrame(frame)),
  };
}

export type CassettePhoto = ReturnType<typeof useCassettePhoto>;
