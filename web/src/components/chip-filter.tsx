import type { StatusDefinition } from '../../../server/domain/statuses.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { StatusSwatch } from './status-swatch.tsx';

export interface ChipOption {
  code: string;
  zh: string;
  en: string;
  /** Statuses show their colour; land classes have none. */
  status?: StatusDefinition<string>;
}

/** A multi-select row of chips; nothing selected means "all". */
export function ChipFilter({
  title,
  options,
  selected,
  testIdPrefix,
  onToggle,
}: {
  title: string;
  options: readonly ChipOption[];
  selected: readonly string[];
  testIdPrefix: string;
  onToggle(code: string): void;
}) {
  const { label } = useLanguage();
  return (
    <fieldset className="filter-group">
      <legend className="section-label">{title}</legend>
      <div className="chips">
        {options.map((option) => (
          <button
            key={option.code}
            type="button"
            className="chip"
            aria-pressed={selected.includes(option.code)}
            data-testid={`${testIdPrefix}-${option.code}`}
            onClick={() => onToggle(option.code)}
          >
            {option.status && <StatusSwatch status={option.status} />}
            {label(option)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
