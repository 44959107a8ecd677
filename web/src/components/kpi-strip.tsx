import type { StatisticsRow } from '../../../server/domain/statistics.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { AreaMeasure } from '../state/view-state.ts';

/** The headline numbers, read at three metres: all from the same statistics total as the table and legend. */
export function KpiStrip({
  total,
  parcelCount,
  measure,
}: {
  total: StatisticsRow;
  parcelCount: number;
  measure: AreaMeasure;
}) {
  const { t, formats } = useLanguage();
  return (
    <dl className="kpi-strip">
      <div className="kpi">
        <dt>{t('kpiVisible')}</dt>
        <dd>
          <span className="kpi__value" data-testid="visible-count">
            {formats.integer(total.households)}
          </span>
          <span className="kpi__unit">{t('kpiOfTotal', { total: formats.integer(parcelCount) })}</span>
        </dd>
      </div>
      <div className="kpi">
        <dt>{t('kpiSignedShare')}</dt>
        <dd>
          <span className="kpi__value" data-testid="kpi-signed-share">
            {formats.percent(total.signedShare)}
          </span>
        </dd>
      </div>
      <div className="kpi">
        <dt>{t('kpiClearedShare')}</dt>
        <dd>
          <span className="kpi__value" data-testid="kpi-cleared-share">
            {formats.percent(total.clearedShare)}
          </span>
        </dd>
      </div>
      <div className="kpi kpi--wide-only">
        <dt>{t('kpiLandArea')}</dt>
        <dd>
          <span className="kpi__value" data-testid="kpi-land-mu">
            {formats.mu(total.landArea[measure].mu)}
          </span>
          <span className="kpi__unit">{t('unitMu')}</span>
        </dd>
      </div>
    </dl>
  );
}
