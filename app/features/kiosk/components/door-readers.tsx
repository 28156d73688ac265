import { useRef, useState } from 'react';
import type { DocumentRead } from '../../../../core/document-read.ts';
import { documentKey } from '../../../../core/identity/documents.ts';
import { documentFromRead } from '../../../../core/identity/labels.ts';
import type { KioskLookupStatus } from '../../../../core/contract/kiosks.ts';
import { CardReaderPanel } from '../../../card-reader/card-reader-panel.tsx';
import { ApiError } from '../../../api/client.ts';
import { serverNow } from '../../../api/server-clock.ts';
import { formatDay } from '../../../i18n/shanghai-time.ts';
import { useKioskText } from '../../../i18n/kiosk-messages.ts';
import { useReaderText } from '../../../i18n/reader-messages.ts';
import { MrzCamera } from '../../../mrz/mrz-camera.tsx';
import { useNow } from '../../../ui/use-now.ts';
import { lookUpDocument } from '../api/look-up-id-number.ts';

type Open = 'none' | 'card' | 'passport';

/** The same document read again within this time is the same visitor still at the reader. */
const sameVisitorMs = 60_000;

/**
 * The door readers behind the ID-number field: the ID card reader and the passport camera, each opened with
 * one tap. What they read is looked up by document (core/identity/): a resident ID card, a permanent
 * residence card, a passport or a mainland travel permit; other travel documents are read and shown only.
 */
export function DoorReaders({ token, onStatus, onUnauthorized }: { token: string; onStatus: (status: KioskLookupStatus, logged: boolean) => void; onUnauthorized: (error: ApiError) => void }) {
  const r = useReaderText();
  const k = useKioskText();
  const [open, setOpen] = useState<Open>('none');
  const [note, setNote] = useState<string | null>(null);
  const lastLookup = useRef<{ key: string; at: number } | null>(null);
  // The day decides whether a document has expired: Shanghai's, by the server's clock where it is known.
  const now = useNow(60_000);
  const clock = serverNow();
  const today = formatDay(clock.ok ? clock.now : now);

  const onRead = (document: DocumentRead) => {
    setNote(null);
    const identity = documentFromRead(document);
    if (!identity) {
      setNote(r('door.unsupportedLookup'));
      return;
    }
    // A passport left under the camera is read again and again: one lookup (one 查询记录 entry) per visitor.
    const key = documentKey(identity);
    const at = Date.now();
    if (lastLookup.current?.key === key && at - lastLookup.current.at < sameVisitorMs) return;
    lastLookup.current = { key, at };
    if (!navigator.onLine) {
      setNote(k('kiosk.id.offline'));
      return;
    }
    lookUpDocument(token, identity).then(({ status, logged }) => onStatus(status, logged), (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) onUnauthorized(error);
      else setNote(r('door.lookupFailed', { reason: k(error instanceof ApiError && error.code === 'kiosk_id_unknown' ? 'kiosk.id.unknown' : 'kiosk.id.failed') }));
    });
  };

  return (
    <section className="kiosk-readers">
      <div className="button-row kiosk-readers__buttons">
        <button type="button" className="button button--secondary" aria-pressed={open === 'card'} onClick={() => setOpen(open === 'card' ? 'none' : 'card')}>
          {r(open === 'card' ? 'door.closeReader' : 'door.readCard')}
        </button>
        <button type="button" className="button button--secondary" aria-pressed={open === 'passport'} onClick={() => setOpen(open === 'passport' ? 'none' : 'passport')}>
          {r(open === 'passport' ? 'door.closeReader' : 'door.readPassport')}
        </button>
      </div>
      {open === 'card' && <CardReaderPanel onRead={onRead} today={today} />}
      {open === 'passport' && <MrzCamera onRead={onRead} today={today} />}
      {note && (
        <p className="kiosk-readers__note" role="alert">
          {note}
        </p>
      )}
    </section>
  );
}
