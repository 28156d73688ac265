/**
 * Turns a key into text in a language. Chinese is always here; English is fetched once, by `loadLanguage`,
 * before anything is shown in it (main.tsx before the first render, the provider before a switch), so a
 * phone in Chinese never downloads the English catalog. It stays in the service worker's precache, so
 * switching works offline too.
 */
import { locales, zh, type Catalog, type Language, type Message, type MessageKey } from './messages.ts';

export type MessageValues = Record<string, string | number>;

// Made when a plural message is first shown, and only for its language: each loads ICU data at first paint's cost.
const pluralRules: Partial<Record<Language, Intl.PluralRules>> = {};

function pluralCategory(language: Language, n: number): Intl.LDMLPluralRule {
  pluralRules[language] ??= new Intl.PluralRules(locales[language]);
  return pluralRules[language].select(n);
}

const catalogs: Partial<Record<Language, Catalog>> = { zh };

/** Resolves once `language` can be translated into; Chinese at once, English after its chunk loads. */
export async function loadLanguage(language: Language): Promise<void> {
  if (catalogs[language]) return;
  catalogs.en = (await import('./messages-en.ts')).en;
}

export function translate(language: Language, key: MessageKey, values: MessageValues = {}): string {
  // A language not loaded yet reads as Chinese, the source every key has, rather than as a bare key.
  const catalog = catalogs[language] ?? zh;
  return fillMessage(language, catalog[key], values);
}

/** A message's text in `language` with `{name}` filled in and its plural form chosen; for catalogs of lazily loaded screens too. */
export function fillMessage(language: Language, message: Message, values: MessageValues = {}): string {
  const template = typeof message === 'string' ? message : (message[pluralCategory(language, Number(values.n))] ?? message.other);
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
