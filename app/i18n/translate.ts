import { catalogs, type Language, type MessageKey } from './messages.ts';

export type MessageValues = Record<string, string | number>;

export function translate(language: Language, key: MessageKey, values: MessageValues = {}): string {
  const template: string = catalogs[language][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
