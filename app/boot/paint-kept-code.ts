/**
 * The code on screen before any framework loads: reads who was last signed in, their profile from the persisted
 * query cache, their credential and device key (offline/kept-code.ts), signs the code the one way the panel signs
 * it (offline/sign-kept-code.ts), encodes the QR on this thread and paints the card. It paints only what the
 * app would show itself: nobody signed in, a cache the app would drop, a credential expired or issued for
 * another colour than the profile's, no device key, a clock set back, relatives linked (the panel then has a
 * profile switcher above the card) or any other page than the panel: nothing is painted and the app decides.
 */
import { issuedColour, keptQueryClient, lastSignedInCitizen, profileOfCache, storedCredential } from '../offline/kept-code.ts';
import { signKeptCode } from '../offline/sign-kept-code.ts';
import { qrShape } from '../ui/qr-path.ts';
import { bootCard } from './boot-card.ts';
import { bootCardId, keepBootCode } from './hand-over.ts';
import type { BootLanguage } from './boot-messages.ts';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Paints the kept code; resolves true when it did. */
export async function paintKeptCode(): Promise<boolean> {
  if (location.pathname !== '/' || location.search !== '') return false;
  const citizenId = await lastSignedInCitizen();
  if (citizenId === undefined) return false;
  const [client, credential] = await Promise.all([keptQueryClient(citizenId), storedCredential(citizenId)]);
  const profile = profileOfCache(client, citizenId, Date.now());
  if (!profile || profile.hasDependants || !credential || issuedColour(credential.credential) !== profile.colour) return false;
  const { credential: token, compact, expiresAt } = credential;
  const signed = await signKeptCode(citizenId, { token, compact, expiresAt });
  if (signed.kind !== 'ready') return false;
  const shape = qrShape(signed.text);
  const root = document.getElementById('root');
  if (!root || root.childElementCount > 0) return false;

  // The same preferences the app reads before its first paint (i18n/i18n-provider.tsx, ui/text-size.tsx).
  const language: BootLanguage = stored('suishen.language') === 'en' ? 'en' : 'zh';
  document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
  if (stored('suishen.text-size') === 'large') document.documentElement.dataset.textSize = 'large';

  const { element, setClock } = bootCard({ profile, shape, signedAt: signed.signedAt, language, offline: !navigator.onLine });
  element.id = bootCardId;
  setClock(Date.now());
  let timer: ReturnType<typeof setTimeout>;
  const tick = () => {
    setClock(Date.now());
    timer = setTimeout(tick, 1000 - (Date.now() % 1000));
  };
  timer = setTimeout(tick, 1000 - (Date.now() % 1000));
  // The app renders into #root under the painted card and shows it in the commit that removes the card (hand-over.ts).
  root.hidden = true;
  root.before(element);
  keepBootCode({ citizenId, token, code: { ...signed, shape }, madeAt: Date.now() }, () => clearTimeout(timer));
  return true;
}
