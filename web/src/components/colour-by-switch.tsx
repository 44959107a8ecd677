import { AXES, type Axis } from '../../../server/domain/statuses.ts';
import { useLanguage } from '../i18n/use-language.ts';

/** Which status axis colours the map; the axis names come from the domain table. */
export function ColourBySwitch({ value, onChange }: { value: Axis; onChange(axis: Axis): void }) {
  const { t, label } = useLanguage();
  return (
    <fieldset className="colour-by">
      <legend className="section-label">{t('colourBy')}</legend>
      <div className="segmented">
        {AXES.map((axis) => (
          <button
            key={axis.code}
            type="button"
            aria-pressed={value === axis.code}
            data-testid={`colour-by-${axis.code}`}
            onClick={() => onChange(axis.code)}
          >
            {label(axis)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
