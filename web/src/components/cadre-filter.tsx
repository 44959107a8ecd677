import { type MessageKey, useLanguage } from '../i18n/use-language.ts';

const CHOICES: { value: boolean | null; key: 'all' | 'only' | 'none'; label: MessageKey }[] = [
  { value: null, key: 'all', label: 'cadreAll' },
  { value: true, key: 'only', label: 'cadreOnly' },
  { value: false, key: 'none', label: 'cadreNone' },
];

/** 干部户: all households, cadre households only, or non-cadre only. */
export function CadreFilter({
  value,
  onChange,
}: {
  value: boolean | null;
  onChange(value: boolean | null): void;
}) {
  const { t } = useLanguage();
  return (
    <fieldset className="filter-group">
      <legend className="section-label">{t('cadre')}</legend>
      <div className="segmented">
        {CHOICES.map((choice) => (
          <button
            key={choice.key}
            type="button"
            aria-pressed={value === choice.value}
            data-testid={`filter-cadre-${choice.key}`}
            onClick={() => onChange(choice.value)}
          >
            {t(choice.label)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
