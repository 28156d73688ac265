import { ApiError } from '../api/client.ts';
import { formatClock, formatDateTime } from '../i18n/shanghai-time.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { MessageValues } from '../i18n/translate.ts';

const byCode: Partial<Record<ApiError['code'], MessageKey>> = {
  network: 'error.network',
  timeout: 'error.timeout',
  unauthenticated: 'error.unauthenticated',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  family_mismatch: 'error.family_mismatch',
  family_limit: 'error.family_limit',
  otp_invalid: 'error.otp_invalid',
  otp_expired: 'error.otp_expired',
  too_many_attempts: 'error.too_many_attempts',
  rate_limited: 'error.rate_limited',
  login_locked: 'error.login_locked',
  sms_failed: 'error.sms_failed',
  invalid_body: 'error.invalid_body',
  bad_json: 'error.invalid_body',
  internal: 'error.server',
  bad_response: 'error.server',
};

/** The one place an error becomes words for the user: never a stack trace, never the raw message. */
export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof ApiError) return byCode[error.code] ?? 'error.unknown';
  if (typeof navigator !== 'undefined' && !navigator.onLine) return 'error.network';
  return 'error.unknown';
}

/** Waits up to this long are said in seconds; longer ones as the time to come back. */
const sayInSecondsUpTo = 90;

/**
 * The words for an error with the values they need: a refusal that says how long to wait (429 with
 * `Retry-After`) says until when, in Shanghai time like every time in the app.
 */
export function errorMessage(error: unknown, now: number = Date.now()): { key: MessageKey; values?: MessageValues } {
  const key = errorMessageKey(error);
  const wait = error instanceof ApiError ? error.retryAfterSeconds : undefined;
  if (wait === undefined || (key !== 'error.rate_limited' && key !== 'error.login_locked')) return { key };
  const until = now + wait * 1000;
  const sameDay = formatDateTime(until).slice(0, 10) === formatDateTime(now).slice(0, 10);
  const time = sameDay ? formatClock(until) : formatDateTime(until);
  if (key === 'error.login_locked') return { key, values: { time } };
  return wait <= sayInSecondsUpTo ? { key: 'error.rate_limited.seconds', values: { seconds: wait } } : { key: 'error.rate_limited.until', values: { time } };
}
