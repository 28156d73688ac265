import type { ConsoleMessageKey } from '../../i18n/console-messages.ts';

/**
 * A failed console request in words. Matched on the code's text, not on the contract's union, so a code the
 * server adds later (a cap, a conflict) still reads as its family rather than as "something went wrong".
 */
export function consoleErrorKey(error: unknown, online = typeof navigator === 'undefined' || navigator.onLine): ConsoleMessageKey {
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (code === 'network' || (!code && !online)) return 'console.error.network';
  if (code === 'timeout') return 'console.error.timeout';
  if (code === 'unauthenticated' || code.startsWith('operator_session')) return 'console.error.unauthenticated';
  if (code === 'forbidden' || code.endsWith('_forbidden')) return 'console.error.forbidden';
  if (code === 'not_found' || code.endsWith('_not_found')) return 'console.error.not_found';
  if (code === 'venue_unapproved') return 'console.error.venue_unapproved';
  if (code === 'passkey_invalid') return 'console.error.passkey_invalid';
  if (code.includes('cap') || code.includes('limit_reached')) return 'console.error.cap';
  if (code === 'conflict' || code.endsWith('_decided') || code.endsWith('_state') || code.startsWith('already')) return 'console.error.conflict';
  if (code.startsWith('otp_') || code === 'too_many_attempts' || code === 'login_locked') return 'console.error.otp';
  if (code === 'rate_limited') return 'console.error.rate_limited';
  if (code === 'invalid_body' || code === 'bad_json' || code === 'bad_request') return 'console.error.invalid';
  if (code === 'internal' || code === 'bad_response') return 'console.error.server';
  return 'console.error.unknown';
}

/**
 * A passkey ceremony's failure in words. The browser (and @simplewebauthn/browser, which keeps its name) says
 * NotAllowedError both for a cancel and a time-out; InvalidStateError when this device already holds the key.
 */
export function passkeyErrorKey(error: unknown): ConsoleMessageKey {
  const name = error instanceof Error ? error.name : '';
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED') return 'console.passkey.cancelled';
  if (name === 'InvalidStateError' || code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return 'console.passkey.exists';
  if (name === 'NotSupportedError' || code === 'ERROR_NO_WEBAUTHN') return 'console.passkey.unsupported';
  if (name === 'ApiError') return consoleErrorKey(error);
  return 'console.passkey.failed';
}
