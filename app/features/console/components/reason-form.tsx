import { useId, useState, type SubmitEvent } from 'react';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { refusalReason, refusalReasonLimits } from '../refusal-reason.ts';

/**
 * The refusal's reason, asked for before it is sent. The text is kept while the request is out, and after
 * it fails, so nothing typed is lost to a dropped connection.
 */
export function ReasonForm({ busy, onConfirm, onCancel }: { busy: boolean; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const c = useConsoleText();
  const id = useId();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = refusalReason(text);
    setInvalid(reason === null);
    if (reason) onConfirm(reason);
  };
  return (
    <form className="console-item" onSubmit={submit} noValidate>
      <label className="field" htmlFor={id}>
        <span className="field__label">{c('console.refuse.reason')}</span>
      </label>
      <textarea id={id} className="field__input" rows={3} maxLength={refusalReasonLimits.max} value={text} aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined} onChange={(event) => setText(event.target.value)} />
      {invalid && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {c('console.refuse.reasonRequired')}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--danger" disabled={busy}>
          {c('console.refuse.confirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {c('console.refuse.cancel')}
        </button>
      </div>
    </form>
  );
}
