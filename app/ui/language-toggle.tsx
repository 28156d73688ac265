import { useI18n } from '../i18n/i18n-provider.tsx';
import { locales } from '../i18n/messages.ts';

/**
 * One tap switches 中文 ⇄ English; the button shows the language it switches to, in that language.
 * Its accessible name starts with that visible word (WCAG 2.5.3 label in name: a voice-control user says
 * "click English") and goes on with a hidden hint in the current language, each part in its own language.
 */
export function LanguageToggle() {
  const { t, language, setLanguage } = useI18n();
  const other = language === 'zh' ? 'en' : 'zh';
  return (
    <button type="button" className="button button--ghost language-toggle" onClick={() => setLanguage(other)}>
      <span lang={locales[other]}>{t('lang.switch')}</span>{' '}
      <span className="visually-hidden">{t('lang.switch.label')}</span>
    </button>
  );
}
