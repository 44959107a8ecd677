import type { PublicityRow } from '../../../server/domain/publicity.ts';
import type { PublicityBoard } from '../../../server/routes/publicity-board.ts';
import { useBoard } from './board-context.ts';
import { SigningChip } from './signing-chip.tsx';

/** The column header shared by the screen table and every printed page. */
export function HouseholdHeader() {
  const { t } = useBoard();
  return (
    <tr>
      <th className="column-number">{t('number')}</th>
      <th className="column-holder">{t('holder')}</th>
      <th className="column-code">{t('parcelCode')}</th>
      <th className="column-number-value">{t('landAreaColumn')}</th>
      <th className="column-number-value">{t('buildingAreaColumn')}</th>
      <th className="column-number-value">{t('compensationColumn')}</th>
      <th className="column-signing">{t('signingColumn')}</th>
      <th className="column-cadre">{t('cadreColumn')}</th>
    </tr>
  );
}

/** One household. `data-label` gives each cell its heading when a phone shows the row as a card. */
export function HouseholdRow({ row, number }: { row: PublicityRow; number: number }) {
  const { t, formats } = useBoard();
  return (
    <tr className={row.cadre ? 'household cadre' : 'household'} data-testid="publicity-row">
      <td className="column-number">{number}</td>
      <td className="column-holder" data-label={t('holder')}>
        {row.holder}
      </td>
      <td className="column-code" data-label={t('parcelCode')}>
        {row.parcelCode}
      </td>
      <td className="column-number-value" data-label={t('landAreaColumn')}>
        {formats.mu(row.landAreaMu)}
      </td>
      <td className="column-number-value" data-label={t('buildingAreaColumn')}>
        {formats.squareMetres(row.buildingAreaSquareMetres)}
      </td>
      <td className="column-number-value column-compensation" data-label={t('compensationColumn')}>
        {formats.yuan(row.compensationYuan)}
      </td>
      <td className="column-signing" data-label={t('signingColumn')}>
        <SigningChip code={row.signing} />
      </td>
      <td className="column-cadre">
        {row.cadre ? <span className="cadre-mark">{t('cadreMark')}</span> : ''}
      </td>
    </tr>
  );
}

export function TotalsRow({ board }: { board: PublicityBoard }) {
  const { t, formats } = useBoard();
  const { totals } = board;
  return (
    <tr className="totals" data-testid="publicity-totals-row">
      <th className="column-number" scope="row">
        {t('total')}
      </th>
      <td className="column-holder">{t('totalHouseholds', { count: formats.integer(totals.households) })}</td>
      <td className="column-code" />
      <td className="column-number-value">{formats.mu(totals.landAreaMu)}</td>
      <td className="column-number-value">{formats.squareMetres(totals.buildingAreaSquareMetres)}</td>
      <td className="column-number-value column-compensation">{formats.yuan(totals.compensationYuan)}</td>
      <td className="column-signing">{`${formats.integer(totals.signedHouseholds)} / ${formats.integer(totals.households)}`}</td>
      <td className="column-cadre">{`${totals.cadreSignedHouseholds}/${totals.cadreHouseholds}`}</td>
    </tr>
  );
}
