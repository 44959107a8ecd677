import { LANGUAGES, type Language } from '../i18n/dictionary.ts';
import { useLanguage } from '../i18n/use-language.ts';

/** Each language is named in itself, so a reader of either can find theirs. */
const NATIVE_NAMES: Record<Language, string> = { zh: '中文', en: 'English' };

export function LanguageSwitch({ onChange }: { onChange(language: Language): void }) {
  const { language, t } = useLanguage();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('languageSwitch')}</legend>
      <div className="segmented segmented--compact">
        {LANGUAGES.map((option) => (
          <button
            key={option}
            type="button"
            lang={option === 'zh' ? 'zh-CN' : 'en'}
            aria-pressed={language === option}
            data-testid={`language-${option}`}
            onClick={() => onChange(option)}
          >
            {NATIVE_NAMES[option]}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
