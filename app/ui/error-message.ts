import { ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/messages.ts';

const byCode: Partial<Record<ApiError['code'], MessageKey>> = {
  network: 'error.network',
  timeout: 'error.timeout',
  unauthenticated: 'error.unauthenticated',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  not_registered: 'error.not_registered',
  family_mismatch: 'error.family_mismatch',
  family_limit: 'error.family_limit',
  otp_invalid: 'error.otp_invalid',
  otp_expired: 'error.otp_expired',
  too_many_attempts: 'error.too_many_attempts',
  rate_limited: 'error.rate_limited',
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
