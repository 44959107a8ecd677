import type { StatisticsTable as Table } from '../../../server/domain/statistics.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { AreaMeasure } from '../state/view-state.ts';
import { MeasureSelector } from './measure-selector.tsx';
import { StatisticsTable } from './statistics-table.tsx';

const AREA_DESCRIPTION = { plane: 'planeArea', ellipsoid: 'ellipsoidArea', survey: 'surveyArea' } as const;

/** The statistics table with what it measures (口径) and when (as-of), as every reported table must state. */
export function StatisticsPanel({
  table,
  measure,
  villageNames,
  onMeasureChange,
}: {
  table: Table;
  measure: AreaMeasure;
  villageNames: ReadonlyMap<string, { zh: string; en: string }>;
  onMeasureChange(measure: AreaMeasure): void;
}) {
  const { t, label, formats } = useLanguage();
  const missingSurvey = table.total.householdsWithoutSurveyArea;
  return (
    <section className="panel-section" aria-labelledby="statistics-title" data-testid="statistics">
      <div className="section-title-row">
        <h2 className="section-title" id="statistics-title">
          {t('statistics')}
        </h2>
        <MeasureSelector value={measure} onChange={onMeasureChange} />
      </div>
      <StatisticsTable table={table} measure={measure} villageNames={villageNames} />
      <div className="measure-notes">
        <p data-testid="stats-measure">
          <span className="measure-notes__label">{t('measureNote')}</span>
          {label(table.measures[AREA_DESCRIPTION[measure]])}
        </p>
        {measure === 'survey' && missingSurvey > 0 && (
          <p className="measure-notes__warning" data-testid="stats-survey-incomplete">
            {t('surveyIncomplete', { count: formats.integer(missingSurvey) })}
          </p>
        )}
        <details className="measure-notes__more">
          <summary>{t('measureDetails')}</summary>
          <ul>
            <li>{label(table.measures.households)}</li>
            <li>{label(table.measures.buildingArea)}</li>
            <li>{label(table.measures.signedShare)}</li>
            <li>{label(table.measures.clearedShare)}</li>
          </ul>
        </details>
        <p className="measure-notes__as-of" data-testid="stats-as-of">
          {t('statisticsAsOf', { time: formats.dateTime(table.asOf) })}
        </p>
      </div>
    </section>
  );
}
