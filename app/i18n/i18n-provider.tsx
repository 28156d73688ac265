import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { type Language, type MessageKey } from './messages.ts';
import { translate, type MessageValues } from './translate.ts';

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: MessageValues) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Kept in localStorage, not IndexedDB, because the very first paint must already be in the right language. */
const storageKey = 'suishen.language';

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function initialLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored === 'zh' || stored === 'en') return stored;
  return 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Private mode or a full quota: the choice still holds for this visit.
    }
  }, []);

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
