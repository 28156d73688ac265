import { createContext, use, useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { storedPreference, usePreference } from '../ui/stored-preference.ts';
import { languages, locales, type Language, type MessageKey } from './messages.ts';
import type { Message } from './messages.ts';
import { fillMessage, loadLanguage, translate, type MessageValues } from './translate.ts';

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: MessageValues) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Read before the first paint, so that it is already in the right language. */
const languagePreference = storedPreference<Language>('suishen.language', languages, 'zh');

/** Loads the stored language's catalog; main.tsx awaits it before the first render. */
export const loadStoredLanguage = (): Promise<void> => loadLanguage(languagePreference.read());

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, choose] = usePreference(languagePreference);
  // The switch happens once the new catalog is here, so no screen shows half of each language.
  const setLanguage = useCallback((next: Language) => void loadLanguage(next).then(() => choose(next)), [choose]);

  useEffect(() => {
    document.documentElement.lang = locales[language];
  }, [language]);

  const value = useMemo<I18n>(
    () => ({ language, setLanguage, t: (key, values) => translate(language, key, values) }),
    [language, setLanguage],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const context = use(I18nContext);
  if (!context) throw new Error('useI18n needs an I18nProvider above it');
  return context;
}

/** `t` for a lazily loaded screen's own catalog (the kiosk's, the door readers'), in the language the app is shown in. */
export function useCatalogText<Key extends string>(zh: Record<Key, Message>, en: Record<Key, Message>): (key: Key, values?: MessageValues) => string {
  const { language } = useI18n();
  const catalog = language === 'zh' ? zh : en;
  return (key, values) => fillMessage(language, catalog[key], values);
}
