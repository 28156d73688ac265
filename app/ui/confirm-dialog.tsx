import './confirm-dialog.css';
import { useEffect, useId, useRef } from 'react';

/**
 * A modal question before something that cannot be undone from this screen: the browser's own dialog
 * (focus kept inside, Esc cancels), cancel first and focused, so that a slip of the thumb changes nothing.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { open, onCancel } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-body`}>{props.body}</p>
      <div className="confirm-dialog__actions">
        <button type="button" className="button button--secondary" autoFocus onClick={onCancel}>
          {props.cancelLabel}
        </button>
        <button type="button" className="button button--danger" disabled={props.busy} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
