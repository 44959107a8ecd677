import { type MessageKey, useLanguage } from '../i18n/use-language.ts';
import { AREA_MEASURES, type AreaMeasure } from '../state/view-state.ts';

const MEASURE_LABELS: Record<AreaMeasure, MessageKey> = {
  plane: 'measurePlane',
  ellipsoid: 'measureEllipsoid',
  survey: 'measureSurvey',
};

/** Which area (口径) the statistics add up: plane Gauss-Krüger (the default), ellipsoidal, or the survey's. */
export function MeasureSelector({
  value,
  onChange,
}: {
  value: AreaMeasure;
  onChange(measure: AreaMeasure): void;
}) {
  const { t } = useLanguage();
  return (
    <fieldset className="measure-selector">
      <legend className="section-label">{t('measure')}</legend>
      <div className="segmented segmented--compact">
        {AREA_MEASURES.map((measure) => (
          <button
            key={measure}
            type="button"
            aria-pressed={value === measure}
            data-testid={`measure-${measure}`}
            onClick={() => onChange(measure)}
          >
            {t(MEASURE_LABELS[measure])}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
