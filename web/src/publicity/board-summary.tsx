import type { PublicityBoard } from '../../../server/routes/publicity-board.ts';
import { useBoard } from './board-context.ts';

/** The village's totals. The areas are summed in full precision, so they equal the statistics of the village. */
export function BoardSummary({ board }: { board: PublicityBoard }) {
  const { t, formats } = useBoard();
  const { totals } = board;
  const items = [
    { key: 'households', label: t('households'), value: formats.integer(totals.households) },
    {
      key: 'signed',
      label: t('signed'),
      value: `${formats.integer(totals.signedHouseholds)} / ${formats.integer(totals.households)}`,
    },
    { key: 'land-mu', label: t('landArea'), value: formats.mu(totals.landAreaMu) },
    {
      key: 'building',
      label: t('buildingArea'),
      value: formats.squareMetres(totals.buildingAreaSquareMetres),
    },
    {
      key: 'compensation',
      label: t('compensationTotal'),
      value: formats.tenThousandYuan(totals.compensationYuan),
    },
    {
      key: 'cadre',
      label: t('cadreLead'),
      value: `${formats.integer(totals.cadreSignedHouseholds)} / ${formats.integer(totals.cadreHouseholds)}`,
    },
  ];
  return (
    <dl className="board-summary">
      {items.map((item) => (
        <div key={item.key} className="board-summary-item">
          <dt>{item.label}</dt>
          <dd data-testid={`publicity-total-${item.key}`}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
