import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useMe } from '../../../records/api/get-me.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { textSizes, useTextSize } from '../../../ui/text-size.tsx';
import { languages, locales } from '../../../i18n/messages.ts';
import { MyDataSection } from './my-data-section.tsx';

const languageNames = { zh: '中文', en: 'English' } as const;

export function SettingsPage() {
  const { t, language, setLanguage } = useI18n();
  const { textSize, setTextSize } = useTextSize();
  // Settings open without a session too (language, text size); the data rights need one.
  const me = useMe();
  return (
    <main className="page">
      <PageHeader title={t('settings.title')} />
      <fieldset className="card choice-group">
        <legend>{t('settings.language')}</legend>
        {languages.map((option) => (
          <label key={option} className="choice" lang={locales[option]}>
            <input type="radio" name="language" value={option} checked={language === option} onChange={() => setLanguage(option)} />
            {languageNames[option]}
          </label>
        ))}
      </fieldset>
      <fieldset className="card choice-group">
        <legend>{t('settings.textSize')}</legend>
        {textSizes.map((option) => (
          <label key={option} className="choice">
            <input type="radio" name="text-size" value={option} checked={textSize === option} onChange={() => setTextSize(option)} />
            {t(`settings.textSize.${option}`)}
          </label>
        ))}
      </fieldset>
      {me.data && <MyDataSection />}
    </main>
  );
}
