import type { StatisticsRow, StatisticsTable as Table } from '../../../server/domain/statistics.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { AreaMeasure } from '../state/view-state.ts';

/** One row per village and a total row, all from `computeStatistics` over the filtered parcels. */
export function StatisticsTable({
  table,
  measure,
  villageNames,
}: {
  table: Table;
  measure: AreaMeasure;
  villageNames: ReadonlyMap<string, { zh: string; en: string }>;
}) {
  const { t, label, formats } = useLanguage();
  const cells = (row: StatisticsRow, testIdPrefix: string) => (
    <>
      <td className="number" data-testid={`${testIdPrefix}-households`}>
        {formats.integer(row.households)}
      </td>
      <td className="number number--strong" data-testid={`${testIdPrefix}-mu`}>
        {formats.mu(row.landArea[measure].mu)}
      </td>
      <td className="number" data-testid={`${testIdPrefix}-square-metres`}>
        {formats.squareMetres(row.landArea[measure].squareMetres)}
      </td>
      <td className="number">{formats.squareMetres(row.buildingAreaSquareMetres)}</td>
      <td className="number">{formats.percent(row.signedShare)}</td>
      <td className="number">{formats.percent(row.clearedShare)}</td>
    </>
  );
  return (
    <div className="table-scroll">
      <table className="statistics-table" data-testid="stats-table">
        <thead>
          <tr>
            <th scope="col">{t('village')}</th>
            <th scope="col" className="number">
              {t('households')}
            </th>
            <th scope="col" className="number">
              {t('landAreaMu')}
            </th>
            <th scope="col" className="number">
              {t('landAreaSquareMetres')}
            </th>
            <th scope="col" className="number">
              {t('buildingArea')}
            </th>
            <th scope="col" className="number">
              {t('signedShare')}
            </th>
            <th scope="col" className="number">
              {t('clearedShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => {
            const name = villageNames.get(row.key);
            return (
              <tr key={row.key} data-testid={`stats-row-${row.key}`} data-empty={row.households === 0}>
                <th scope="row">{name ? label(name) : row.key}</th>
                {cells(row, `stats-${row.key}`)}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-testid="stats-total">
            <th scope="row">{t('total')}</th>
            {cells(table.total, 'stats-total')}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
