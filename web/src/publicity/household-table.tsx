import { useDeferredValue, useMemo, useState } from 'react';
import type { PublicityBoard } from '../../../server/routes/publicity-board.ts';
import { useBoard } from './board-context.ts';
import { HouseholdHeader, HouseholdRow, TotalsRow } from './household-rows.tsx';

/** The board on screen: every household in one table (cards on a phone), with a search for one's own name. */
export function HouseholdTable({ board }: { board: PublicityBoard }) {
  const { t, formats } = useBoard();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim());
  // Row numbers stay those of the whole list, so a number read on the wall finds the same household here.
  const numbered = useMemo(() => board.households.map((row, index) => ({ row, number: index + 1 })), [board]);
  const shown = useMemo(
    () =>
      deferredQuery === ''
        ? numbered
        : numbered.filter(
            ({ row }) => row.holder.includes(deferredQuery) || row.parcelCode.includes(deferredQuery),
          ),
    [numbered, deferredQuery],
  );
  return (
    <section className="household-section screen-only">
      <div className="household-search">
        <input
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t('search')}
          aria-label={t('search')}
          data-testid="publicity-search"
        />
        <span className="household-count">
          {t('searchCount', {
            shown: formats.integer(shown.length),
            total: formats.integer(numbered.length),
          })}
        </span>
      </div>
      <table className="household-table" data-testid="publicity-table">
        <thead>
          <HouseholdHeader />
        </thead>
        <tbody>
          {shown.map(({ row, number }) => (
            <HouseholdRow key={row.parcelCode} row={row} number={number} />
          ))}
          {shown.length === 0 ? (
            <tr>
              <td colSpan={8} className="household-empty">
                {t('noMatch')}
              </td>
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <TotalsRow board={board} />
        </tfoot>
      </table>
    </section>
  );
}
