import { useI18n } from '../i18n/i18n-provider.tsx';
import { TextField } from './text-field.tsx';

interface OneTimeCodeFieldProps {
  label: string;
  /** The answer to the code request, once sent: where it went (masked) and, in demo mode, the code itself. */
  sent: { maskedPhone?: string; demoCode?: string } | undefined;
  value: string;
  onValueChange: (value: string) => void;
  error: string | null;
}

/** Where a one-time code went and the field to type it in: six digits, nothing else accepted. */
export function OneTimeCodeField({ label, sent, value, onValueChange, error }: OneTimeCodeFieldProps) {
  const { t } = useI18n();
  return (
    <>
      {sent && (
        <p className="notice" role="status">
          {sent.maskedPhone ? t('family.link.codeSent', { phone: sent.maskedPhone }) : t('family.link.codeSentIfMatch')}
          {sent.demoCode && ` ${t('login.demoCode', { code: sent.demoCode })}`}
        </p>
      )}
      <TextField
        label={label}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={value}
        onValueChange={(typed) => onValueChange(typed.replace(/\D/g, ''))}
        error={error}
      />
    </>
  );
}
