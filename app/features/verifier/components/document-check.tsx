import { useState } from 'react';
import type { DocumentRead } from '../../../../core/document-read.ts';
import { serverNow } from '../../../api/server-clock.ts';
import { useReaderText } from '../../../i18n/reader-messages.ts';
import { formatDay } from '../../../i18n/shanghai-time.ts';
import { MrzCamera } from '../../../mrz/mrz-camera.tsx';
import { useNow } from '../../../ui/use-now.ts';
import { matchDocument, type DocumentMatch } from '../../../verification/document-match.ts';
import type { PaperDetails } from '../../../verification/verify-health-code.ts';

const outcome = (match: DocumentMatch) =>
  !match.name || match.document === false ? 'door.compare.mismatch' : match.document === null ? 'door.compare.nameOnly' : 'door.compare.match';

/**
 * After a code is checked, staff may read the holder's passport (the kiosk's MRZ camera, offline) to see that
 * it is the person the code names: a paper code proves nothing about who carries it. Nothing is sent or kept.
 */
export function DocumentCheck({ code }: { code: { maskedName: string; paper: PaperDetails | null } }) {
  const r = useReaderText();
  const [open, setOpen] = useState(false);
  const [match, setMatch] = useState<DocumentMatch | null>(null);
  const now = useNow(60_000);
  const clock = serverNow();
  const onRead = (read: DocumentRead) => setMatch(matchDocument(read, code));
  const words = match && outcome(match);
  return (
    <section className="verifier__document">
      <button type="button" className="button button--secondary" aria-pressed={open} onClick={() => setOpen(!open)}>
        {r(open ? 'door.closeReader' : 'door.compare')}
      </button>
      {open && <MrzCamera onRead={onRead} today={formatDay(clock.ok ? clock.now : now)} />}
      {words && (
        <p className={`verifier__match verifier__match--${words === 'door.compare.mismatch' ? 'fail' : 'pass'}`} role={words === 'door.compare.mismatch' ? 'alert' : 'status'}>
          {r(words)}
        </p>
      )}
    </section>
  );
}
