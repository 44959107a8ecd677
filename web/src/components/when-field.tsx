import { useId } from 'react';
import { chinaDateTimeInputValue } from '../format/china-time.ts';
import { type MessageKey, useLanguage } from '../i18n/use-language.ts';
import type { WhenValue } from '../state/field-time.ts';

/** When it happened in the field, in China time whatever the device's zone; defaults to now. */
export function WhenField({
  value,
  onChange,
  label,
  testId,
}: {
  value: WhenValue;
  onChange(value: WhenValue): void;
  label: MessageKey;
  testId: string;
}) {
  const { t } = useLanguage();
  const id = useId();
  return (
    <div className="form-field">
      <label className="form-field__label" htmlFor={id}>
        {t(label)}
      </label>
      <input
        id={id}
        className="form-field__input"
        type="datetime-local"
        value={value.input}
        max={chinaDateTimeInputValue(Date.now())}
        onChange={(event) => onChange({ input: event.target.value, edited: true })}
        data-testid={testId}
      />
      <span className="form-field__hint">{t('atHint')}</span>
    </div>
  );
}
