import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { consoleErrorKey, passkeyErrorKey } from './console-error.ts';

describe('console errors', () => {
  it('says what a failed request means, for codes known and added later', () => {
    expect(consoleErrorKey(new ApiError(0, 'network', ''))).toBe('console.error.network');
    expect(consoleErrorKey(new ApiError(403, 'forbidden', ''))).toBe('console.error.forbidden');
    expect(consoleErrorKey({ code: 'kiosk_cap_reached' })).toBe('console.error.cap');
    expect(consoleErrorKey({ code: 'venue_already_decided' })).toBe('console.error.conflict');
    expect(consoleErrorKey({ code: 'venue_not_found' })).toBe('console.error.not_found');
    expect(consoleErrorKey(new ApiError(500, 'internal', ''))).toBe('console.error.server');
    expect(consoleErrorKey(new ApiError(409, 'kiosk_cap', ''))).toBe('console.error.cap');
    expect(consoleErrorKey(new ApiError(409, 'venue_unapproved', ''))).toBe('console.error.venue_unapproved');
    expect(consoleErrorKey(new Error('boom'), false)).toBe('console.error.network');
    expect(consoleErrorKey(new Error('boom'), true)).toBe('console.error.unknown');
  });

  it('tells a cancelled passkey from one already on the device', () => {
    expect(passkeyErrorKey(new DOMException('', 'NotAllowedError'))).toBe('console.passkey.cancelled');
    expect(passkeyErrorKey(Object.assign(new Error(''), { name: 'InvalidStateError', code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' }))).toBe('console.passkey.exists');
    expect(passkeyErrorKey(new ApiError(401, 'unauthenticated', ''))).toBe('console.error.unauthenticated');
    expect(passkeyErrorKey(new ApiError(401, 'passkey_invalid', ''))).toBe('console.error.passkey_invalid');
    expect(passkeyErrorKey(new Error('x'))).toBe('console.passkey.failed');
  });
});
