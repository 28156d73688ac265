import './card-reader.css';
/**
 * The ID card reader on screen: connect it once (a tap opens the browser's chooser), then one big line
 * that says what to do — 请放置身份证 — and what was read. Every change of state is said in a live region, a
 * problem as an alert with what to do about it. `onRead` gets each card read, once.
 */
import type { DocumentRead } from '../../core/document-read.ts';
import { useReaderText, type ReaderMessageKey } from '../i18n/reader-messages.ts';
import { DocumentReadView } from '../ui/document-read-view.tsx';
import type { SessionOptions } from './serial-session.ts';
import { useCardReader, type CardReaderView } from './use-card-reader.ts';

type Line = { key: ReaderMessageKey; problem: boolean; canConnect: boolean };

function lineFor(view: CardReaderView): Line {
  const say = (key: ReaderMessageKey, problem = false, canConnect = false): Line => ({ key, problem, canConnect });
  switch (view.kind) {
    case 'unsupported':
      return say('card.unsupported', true);
    case 'idle':
      return say('card.connectHint', false, true);
    case 'connecting':
      return say('card.connecting');
    case 'waiting':
      return say('card.place');
    case 'reading':
      return say('card.reading');
    case 'read':
      return say('card.read');
    case 'card-problem':
      return say(view.problem === 'unsupported' ? 'card.unsupportedCard' : 'card.unreadable', true);
    case 'unresponsive':
      return say('card.unresponsive', true, true);
    case 'reader-fault':
      return say('card.fault', true, true);
    case 'lost':
      return say('card.lost', true, true);
    case 'port-problem':
      return say(`card.${view.problem}`, view.problem !== 'cancelled', true);
  }
}

export function CardReaderPanel({ onRead, today, options }: { onRead: (document: DocumentRead) => void; today: string; options?: SessionOptions }) {
  const r = useReaderText();
  const reader = useCardReader(onRead, options);
  const { view } = reader;
  const line = lineFor(view);
  return (
    <section className={`card-reader card-reader--${view.kind}`} aria-label={r('card.title')}>
      {/* One live region for the reader's state, so "place the card", "reading" and "read" are each spoken. */}
      <p className="card-reader__status" role={line.problem ? 'alert' : 'status'}>
        {r(line.key)}
      </p>
      {view.kind === 'waiting' && <p className="card-reader__hint">{r('card.placeHint')}</p>}
      {view.kind === 'read' && <DocumentReadView document={view.document} today={today} />}
      {line.canConnect && (
        <button type="button" className="button button--primary card-reader__connect" onClick={reader.connect}>
          {r(view.kind === 'idle' || view.kind === 'port-problem' ? 'card.connect' : 'card.reconnect')}
        </button>
      )}
    </section>
  );
}
