import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { loadLanguage, translate } from '../i18n/translate.ts';
import { errorMessage, errorMessageKey } from './error-message.ts';

beforeAll(() => loadLanguage('en'));

describe('errorMessageKey', () => {
  it('tells the citizen plainly when the login code could not be texted', () => {
    const key = errorMessageKey(new ApiError(502, 'sms_failed', 'The SMS gateway did not accept the message.'));
    expect(translate('zh', key)).toBe('短信发送失败，请稍后再试。');
    expect(translate('en', key)).toMatch(/could not be sent/);
  });
});

describe('errorMessage', () => {
  // 2026-11-28 15:00 in Shanghai.
  const now = Date.parse('2026-11-28T07:00:00Z');
  const say = (error: ApiError, language: 'zh' | 'en') => {
    const { key, values } = errorMessage(error, now);
    return translate(language, key, values);
  };

  it('says how many seconds to wait for a short Retry-After', () => {
    const error = new ApiError(429, 'rate_limited', 'Too many code requests from this address; wait a minute.', 42);
    expect(say(error, 'zh')).toBe('操作太频繁，请 42 秒后再试。');
    expect(say(error, 'en')).toBe('Too many tries. Please wait 42 seconds.');
  });

  it('says until when, in Shanghai time, for a longer wait', () => {
    const error = new ApiError(429, 'rate_limited', 'This phone number has had all its codes for this hour.', 45 * 60);
    expect(say(error, 'zh')).toBe('该号码获取验证码次数已达上限，请于 15:45 后再试。');
  });

  it('says until when a locked number opens again, with the date when that is another day', () => {
    const error = new ApiError(429, 'login_locked', 'Too many wrong codes today.', 9 * 60 * 60);
    expect(say(error, 'zh')).toBe('验证码错误次数过多，该号码今天已锁定，2026-11-29 00:00 后可再登录。');
    expect(say(error, 'en')).toBe('Too many wrong codes: this number is locked for today, until 2026-11-29 00:00.');
  });

  it('falls back to the plain message without Retry-After', () => {
    expect(say(new ApiError(429, 'rate_limited', 'x'), 'zh')).toBe('操作太频繁，请稍后再试。');
  });
});
