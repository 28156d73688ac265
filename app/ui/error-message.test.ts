import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { translate } from '../i18n/translate.ts';
import { errorMessageKey } from './error-message.ts';

describe('errorMessageKey', () => {
  it('tells the citizen plainly when the login code could not be texted', () => {
    const key = errorMessageKey(new ApiError(502, 'sms_failed', 'The SMS gateway did not accept the message.'));
    expect(translate('zh', key)).toBe('短信发送失败，请稍后再试。');
    expect(translate('en', key)).toMatch(/could not be sent/);
  });
});
