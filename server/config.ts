import { resolve } from 'node:path';
import { kioskLookupDefaults } from '../core/contract/kiosks.ts';
import { missingSenderMessage, type SmsWebhook } from './services/code-sender.ts';
import { defaultLoginLimits, loginLimitVariables, type LoginLimits } from './services/login-limits.ts';
import type { KioskCaps, KioskLookupLimits } from './services/kiosks.ts';
import { kioskCapDefaults } from '../core/contract/console.ts';
import type { DatabaseLocation } from './storage/database.ts';

export interface ServerConfig {
  port: number;
  /** Embedded SQLite under a data folder (the default), or PostgreSQL at a URL. */
  database: DatabaseLocation;
  /** Seeds demo citizens and shows one-time codes in the API response instead of sending an SMS. */
  demo: boolean;
  /** Where one-time codes go outside demo mode (services/code-sender.ts); required when `demo` is false. */
  smsWebhook?: SmsWebhook;
  /** The built client; absent when only the API is served (server tests). */
  distDir: string | null;
  /** Seals the private signing key in the database (services/signer.ts); unset stores it as it is. */
  signingKeySecret?: string;
  /** Outside demo mode: how many login codes, wrong codes and code requests are allowed (services/login-limits.ts). */
  loginLimits?: LoginLimits;
  /** How many ID-number lookups one kiosk may make a minute and a day (services/kiosks.ts); the contract's defaults when absent. */
  kioskLookupLimits?: KioskLookupLimits;
  /** How many kiosks a venue and an owner may hold (services/kiosks.ts); the contract's defaults when absent. */
  kioskCaps?: KioskCaps;
  /** The origin operators' passkeys are bound to (WEBAUTHN_ORIGIN, e.g. https://suishen.example); the request's own origin when absent. */
  webAuthnOrigin?: string;
  /** How many proxies of the deployment's own stand in front, whose `X-Forwarded-For` entries are believed (http/client-address.ts). */
  trustProxy?: number;
  /** The login rules' clock; tests move it to cross limit windows. Date.now when absent. */
  clock?: () => number;
}

/** The database the environment names: PostgreSQL at DATABASE_URL, else SQLite under DATA_DIR. Shared with the admin tool. */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseLocation {
  const url = env.DATABASE_URL?.trim();
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL must be a postgres:// URL, got ${JSON.stringify(url.replace(/\/\/[^@]*@/, '//…@'))}`);
  }
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`DATABASE_POOL_SIZE must be a positive integer, got ${JSON.stringify(env.DATABASE_POOL_SIZE)}`);
  return url ? { engine: 'postgres', url, poolSize } : { engine: 'sqlite', dataDir: resolve(env.DATA_DIR ?? './data') };
}

function smsWebhookFromEnv(env: NodeJS.ProcessEnv, demo: boolean): SmsWebhook | undefined {
  const url = env.SMS_WEBHOOK_URL?.trim();
  const secret = env.SMS_WEBHOOK_SECRET;
  if (!url && !secret) {
    if (!demo) throw new Error(missingSenderMessage);
    return undefined;
  }
  if (!url || !/^https?:\/\/./.test(url)) throw new Error('SMS_WEBHOOK_URL must be an http:// or https:// URL when SMS_WEBHOOK_SECRET is set.');
  if (!secret || secret.length < 16) throw new Error('SMS_WEBHOOK_SECRET must be at least 16 characters (shared with the SMS gateway, which checks each signature).');
  return { url, secret };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum = 1): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`${name} must be a whole number of at least ${minimum}, got ${JSON.stringify(env[name])}`);
  return value;
}

function loginLimitsFromEnv(env: NodeJS.ProcessEnv): LoginLimits {
  const limits = { ...defaultLoginLimits };
  for (const key of Object.keys(limits) as (keyof LoginLimits)[]) {
    limits[key] = positiveInteger(env, loginLimitVariables[key], limits[key], key === 'secondsBetweenCodes' ? 0 : 1);
  }
  return limits;
}

/** `TRUST_PROXY`: unset or `false` trusts no proxy, `true` one, or a count of proxies in a row. */
function trustProxyFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.TRUST_PROXY?.trim().toLowerCase();
  if (raw === 'true') return 1;
  if (raw === 'false') return 0;
  return positiveInteger(env, 'TRUST_PROXY', 0, 0);
}

/** Reads the environment once, with the embedded defaults `npm start` relies on. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`);
  }
  if (env.SIGNING_KEY_SECRET !== undefined && env.SIGNING_KEY_SECRET.length < 16) {
    throw new Error('SIGNING_KEY_SECRET must be at least 16 characters (a long random string, the same on every node).');
  }
  const demo = (env.DEMO ?? 'true') !== 'false';
  const smsWebhook = smsWebhookFromEnv(env, demo);
  return {
    port,
    database: databaseFromEnv(env),
    demo,
    // Demo mode shows codes on screen whatever is configured: its citizens' phones are not real.
    ...(smsWebhook && !demo ? { smsWebhook } : {}),
    distDir: resolve(env.DIST_DIR ?? './dist'),
    ...(env.SIGNING_KEY_SECRET ? { signingKeySecret: env.SIGNING_KEY_SECRET } : {}),
    loginLimits: loginLimitsFromEnv(env),
    kioskLookupLimits: {
      perMinute: positiveInteger(env, 'KIOSK_LOOKUPS_PER_MINUTE', kioskLookupDefaults.perMinute),
      perDay: positiveInteger(env, 'KIOSK_LOOKUPS_PER_DAY', kioskLookupDefaults.perDay),
      perVenueDay: positiveInteger(env, 'VENUE_LOOKUPS_PER_DAY', kioskLookupDefaults.perVenueDay),
      perOwnerDay: positiveInteger(env, 'OWNER_LOOKUPS_PER_DAY', kioskLookupDefaults.perOwnerDay),
    },
    kioskCaps: {
      perVenue: positiveInteger(env, 'KIOSKS_PER_VENUE', kioskCapDefaults.perVenue),
      perOwner: positiveInteger(env, 'KIOSKS_PER_OWNER', kioskCapDefaults.perOwner),
    },
    ...(env.WEBAUTHN_ORIGIN ? { webAuthnOrigin: new URL(env.WEBAUTHN_ORIGIN).origin } : {}),
    trustProxy: trustProxyFromEnv(env),
  };
}
