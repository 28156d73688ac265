import { explainRefusal, reviewWords } from '../outcome-words.ts';
import { OutcomeNote } from './outcome-note.tsx';

/**
 * The antigen tab's plain words for one record: an upload the server refused (the outbox keeps its
 * `code: message`), or a result waiting for a reviewer. Loaded only by a tab that has one to explain.
 */
export function RecordOutcome({ rejected }: { rejected?: string }) {
  if (rejected === undefined) return <OutcomeNote explained={{ words: reviewWords.review }} tone="review" />;
  return (
    <div role="alert">
      <OutcomeNote explained={explainRefusal(rejected)} tone="refused" />
    </div>
  );
}
