import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { locales } from '../../../i18n/messages.ts';

/** One tap switches 中文 ⇄ English; the button names the language it switches to, in that language. */
export function LanguageToggle() {
  const { t, language, setLanguage } = useI18n();
  const other = language === 'zh' ? 'en' : 'zh';
  return (
    <button
      type="button"
      className="button button--ghost language-toggle"
      lang={locales[other]}
      aria-label={t('lang.switch.label')}
      onClick={() => setLanguage(other)}
    >
      {t('lang.switch')}
    </button>
  );
}
