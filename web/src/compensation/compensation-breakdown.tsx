import { COMPENSATION_UNITS } from '../../../server/domain/compensation.ts';
import type { ParcelCompensationView } from './compensation-api.ts';
import { money, type PanelLanguage, panelText } from './compensation-text.ts';
import './compensation.css';

interface CompensationBreakdownProps {
  view: ParcelCompensationView;
  language: PanelLanguage;
}

/**
 * A household's compensation as lines (item, basis, quantity, unit rate, amount), the total in 元 and 万元, the
 * rate-table version it used and, once signed, the amount recorded in the agreement. Plain props: the dashboard's
 * parcel detail fetches `GET /api/compensation/parcels/:id` and hands the answer in.
 */
export function CompensationBreakdown({ view, language }: CompensationBreakdownProps) {
  const t = panelText(language);
  const yuan = money(language);
  const quantity = money(language, 4);
  const { compensation, agreement } = view;
  if (!compensation) return <p className="compensation-empty">{t('noRates')}</p>;
  const differenceFen = agreement?.agreedFen != null ? agreement.agreedFen - compensation.totalFen : 0;
  return (
    <section className="compensation-breakdown" data-testid="compensation-breakdown">
      <h3>{t('breakdown')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('line')}</th>
            <th>{t('basis')}</th>
            <th className="numeric">{t('quantity')}</th>
            <th className="numeric">{t('unitRate')}</th>
            <th className="numeric">{t('amount')}</th>
          </tr>
        </thead>
        <tbody>
          {compensation.lines.map((line) => (
            <tr key={line.code} data-testid={`compensation-line-${line.code}`}>
              <td>{line[language]}</td>
              <td>{line.basis[language]}</td>
              <td className="numeric">
                {line.unit === 'household' ? line.quantity : quantity(line.quantity)}{' '}
                {COMPENSATION_UNITS[line.unit][language]}
              </td>
              <td className="numeric">{yuan(line.unitRate)}</td>
              <td className="numeric">{yuan(line.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={4}>{t('total')}</th>
            <td className="numeric" data-testid="compensation-total">
              {yuan(compensation.totalYuan)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="compensation-total-ten-thousand">
        {t('totalTenThousand', { amount: money(language, 4)(compensation.totalFen / 1_000_000) })}
      </p>
      {view.rateTable ? (
        <p className="compensation-meta">
          {t('rateVersion', {
            version: view.rateTable.version,
            date: view.rateTable.effectiveDate,
            rateDate: view.rateDate ?? '',
          })}
        </p>
      ) : null}
      {agreement?.agreedFen != null ? (
        <p className={differenceFen === 0 ? 'compensation-meta' : 'compensation-warning'}>
          {t('agreed', { amount: yuan(agreement.agreedFen / 100), version: agreement.rateVersion ?? '—' })}
          {differenceFen !== 0 ? ` · ${t('agreedDiffers', { difference: yuan(differenceFen / 100) })}` : ''}
        </p>
      ) : null}
      {compensation.notes.map((note) => (
        <p key={note.en} className="compensation-warning">
          {note[language]}
        </p>
      ))}
      <p className="compensation-meta">{t('roundingNote')}</p>
    </section>
  );
}
