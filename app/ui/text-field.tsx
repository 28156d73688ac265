import { useId, type InputHTMLAttributes } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** Shown under the field and tied to it for screen readers; also marks the field invalid. */
  error?: string | null;
}

export function TextField({ label, value, onValueChange, error, ...inputProps }: TextFieldProps) {
  const errorId = useId();
  return (
    <>
      <label className="field">
        <span className="field__label">{label}</span>
        <input
          {...inputProps}
          className="field__input"
          value={value}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => onValueChange(event.target.value)}
        />
      </label>
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
