import { catalogs, locales, type Language, type Message, type MessageKey } from './messages.ts';

export type MessageValues = Record<string, string | number>;

const pluralRules = {
  zh: new Intl.PluralRules(locales.zh),
  en: new Intl.PluralRules(locales.en),
} as const satisfies Record<Language, Intl.PluralRules>;

export function translate(language: Language, key: MessageKey, values: MessageValues = {}): string {
  const message: Message = catalogs[language][key];
  const template = typeof message === 'string' ? message : (message[pluralRules[language].select(Number(values.n))] ?? message.other);
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
