import { LAND_CLASSES, STRUCTURES } from '../../../server/domain/statuses.ts';
import type { PublicityBoard } from '../../../server/routes/publicity-board.ts';
import { useBoard } from './board-context.ts';

/**
 * The published rate tables behind the amounts: one row per version, one column per rate, so a villager can
 * check a neighbour's amount by hand. Compact enough for the last printed page.
 */
export function RateTables({ board }: { board: PublicityBoard }) {
  const { t, formats, label } = useBoard();
  if (board.rateTables.length === 0) return <p className="rate-tables-empty">{t('noRates')}</p>;
  const amount = (value: number) => formats.integer(value);
  return (
    <table className="rate-tables" data-testid="publicity-rates">
      <thead>
        <tr>
          <th rowSpan={2}>{t('rates')}</th>
          <th colSpan={LAND_CLASSES.length}>{t('landRates')}</th>
          <th colSpan={STRUCTURES.length}>{t('buildingRates')}</th>
          <th rowSpan={2}>{t('relocation')}</th>
          <th rowSpan={2}>{t('earlySigning', { date: board.rateTables[0]?.earlySigning.deadline ?? '' })}</th>
        </tr>
        <tr>
          {LAND_CLASSES.map((landClass) => (
            <th key={landClass.code}>{label(landClass)}</th>
          ))}
          {STRUCTURES.map((structure) => (
            <th key={structure.code}>{label(structure)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {board.rateTables.map((table) => (
          <tr key={table.version}>
            <th scope="row" className="rate-version">
              {t('rateVersion', { version: table.version, date: table.effectiveDate })}
              {table.version === board.currentRateVersion ? ` · ${t('rateCurrent')}` : ''}
            </th>
            {LAND_CLASSES.map((landClass) => (
              <td key={landClass.code}>{amount(table.land[landClass.code])}</td>
            ))}
            {STRUCTURES.map((structure) => (
              <td key={structure.code}>{amount(table.building[structure.code])}</td>
            ))}
            <td>{amount(table.relocationPerHousehold)}</td>
            <td>{amount(table.earlySigning.bonusPerHousehold)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
