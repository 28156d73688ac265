/**
 * What a login code costs an attacker. A code has a one-in-a-million chance per guess, so what matters is
 * how many guesses a day one phone can be made to take: wrong codes are counted per phone across codes,
 * and a phone that reaches the daily limit is locked until midnight in Shanghai. Asking for codes is
 * limited per phone (texts cost money and each code brings five more guesses) and per client address.
 *
 * The counters are fixed windows in the database (storage/login-throttle.ts), shared by every node: a clock
 * minute and a clock hour, and the day in Asia/Shanghai. A number that is not registered is counted
 * exactly like one that is, so the answers never tell the two apart.
 */
import { shanghaiDayEnd } from '../../core/shanghai-time.ts';
import { HttpError } from '../http/errors.ts';
import type { LoginThrottleStore, ThrottleClaim } from '../storage/login-throttle.ts';

export interface LoginLimits {
  /** A phone's next code may be asked for this long after the last was sent. */
  secondsBetweenCodes: number;
  codesPerPhonePerHour: number;
  codesPerPhonePerDay: number;
  wrongCodesPerPhonePerDay: number;
  codeRequestsPerAddressPerMinute: number;
}

export const defaultLoginLimits: LoginLimits = {
  secondsBetweenCodes: 30,
  codesPerPhonePerHour: 5,
  codesPerPhonePerDay: 10,
  wrongCodesPerPhonePerDay: 10,
  codeRequestsPerAddressPerMinute: 20,
};

/** The environment variable that tunes each limit (docs/operations.md, Configuration). */
export const loginLimitVariables: Record<keyof LoginLimits, string> = {
  secondsBetweenCodes: 'LOGIN_SECONDS_BETWEEN_CODES',
  codesPerPhonePerHour: 'LOGIN_CODES_PER_PHONE_PER_HOUR',
  codesPerPhonePerDay: 'LOGIN_CODES_PER_PHONE_PER_DAY',
  wrongCodesPerPhonePerDay: 'LOGIN_WRONG_CODES_PER_PHONE_PER_DAY',
  codeRequestsPerAddressPerMinute: 'LOGIN_CODE_REQUESTS_PER_ADDRESS_PER_MINUTE',
};

const minuteMs = 60 * 1000;
const hourMs = 60 * minuteMs;

/** The end of the clock window of `size` ms that `now` falls in. */
export const clockWindowEnd = (now: number, size: number) => Math.floor(now / size) * size + size;

export const retryAfterSeconds = (windowEnd: number, now: number) => Math.max(1, Math.ceil((windowEnd - now) / 1000));

function lockedUntil(windowEnd: number, now: number): HttpError {
  const until = new Date(windowEnd).toISOString();
  return new HttpError(429, 'login_locked', `Too many wrong codes today: this phone number is locked until ${until} (midnight in Shanghai).`, {
    retryAfterSeconds: retryAfterSeconds(windowEnd, now),
  });
}

/** `limits` null (demo mode, where every code is on screen anyway) counts nothing and refuses nothing. */
export function createLoginLimits(store: LoginThrottleStore, limits: LoginLimits | null, now: () => number = Date.now) {
  const wrongCodes = (phone: string, at: number) => ({ key: `wrong:${phone}`, windowEnd: shanghaiDayEnd(at) });

  async function assertNotLocked(phone: string, at: number): Promise<void> {
    if (!limits) return;
    const { key, windowEnd } = wrongCodes(phone, at);
    if ((await store.count(key, windowEnd)) >= limits.wrongCodesPerPhonePerDay) throw lockedUntil(windowEnd, at);
  }

  return {
    /** How long after a code the phone's next may be asked for; 0 in demo mode. */
    resendGapMs: limits ? limits.secondsBetweenCodes * 1000 : 0,
    /** Counts a code request from a client address; 429 past the per-minute limit. */
    async codeRequestFrom(address: string): Promise<void> {
      if (!limits) return;
      const at = now();
      const full = await store.claimAll([{ key: `address:${address}`, windowEnd: clockWindowEnd(at, minuteMs), limit: limits.codeRequestsPerAddressPerMinute }]);
      if (full) {
        throw new HttpError(429, 'rate_limited', 'Too many code requests from this address; wait a minute.', {
          retryAfterSeconds: retryAfterSeconds(full.windowEnd, at),
        });
      }
    },
    /** Counts a code made for a phone; 429 when the phone is locked or has had its codes for the hour or day. */
    async codeFor(phone: string): Promise<void> {
      if (!limits) return;
      const at = now();
      await assertNotLocked(phone, at);
      const claims: ThrottleClaim[] = [
        { key: `codes-day:${phone}`, windowEnd: shanghaiDayEnd(at), limit: limits.codesPerPhonePerDay },
        { key: `codes-hour:${phone}`, windowEnd: clockWindowEnd(at, hourMs), limit: limits.codesPerPhonePerHour },
      ];
      const full = await store.claimAll(claims);
      if (full) {
        const what = full === claims[0] ? 'today' : 'this hour';
        throw new HttpError(429, 'rate_limited', `This phone number has had all its codes for ${what}; try again later.`, {
          retryAfterSeconds: retryAfterSeconds(full.windowEnd, at),
        });
      }
    },
    /**
     * Takes one guess from the phone's daily allowance before the code is compared, so that guesses racing
     * on several nodes cannot pass the limit; 429 with the time the lock ends when none is left. The
     * returned function gives the guess back, for a code that turned out right or was never compared.
     */
    async guess(phone: string): Promise<() => Promise<void>> {
      if (!limits) return () => Promise.resolve();
      const at = now();
      const { key, windowEnd } = wrongCodes(phone, at);
      if (await store.claimAll([{ key, windowEnd, limit: limits.wrongCodesPerPhonePerDay }])) throw lockedUntil(windowEnd, at);
      return () => store.release(key, windowEnd);
    },
    forgetEnded: (): Promise<void> => store.deleteEndedBy(now()),
  };
}

export type LoginLimitsService = ReturnType<typeof createLoginLimits>;
