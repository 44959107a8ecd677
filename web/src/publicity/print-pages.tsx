import type { CSSProperties } from 'react';
import type { PublicityBoard } from '../../../server/routes/publicity-board.ts';
import { useBoard } from './board-context.ts';
import { HouseholdHeader, HouseholdRow, TotalsRow } from './household-rows.tsx';
import { closingRows, PAPERS, type Paper, PRINT_LAYOUT, paginate, rowsPerPage } from './print-pagination.ts';
import { QrCodeImage } from './qr-code-image.tsx';
import { RateTables } from './rate-tables.tsx';

interface PrintPagesProps {
  board: PublicityBoard;
  paper: Paper;
  liveUrl: string;
}

/**
 * The board as printed sheets (hidden on screen): pages of whole rows, each with the title, the QR code of the
 * live page, the column header and "page x of y"; the last page adds the totals, the notes and the rate table.
 */
export function PrintPages({ board, paper, liveUrl }: PrintPagesProps) {
  const { t, formats, label } = useBoard();
  const pages = paginate(board.households, rowsPerPage(paper), closingRows(board.rateTables.length));
  const { widthMm, heightMm } = PAPERS[paper];
  const layout = PRINT_LAYOUT;
  // The sizes live in TypeScript (pagination depends on them) and reach the CSS as custom properties.
  const style = {
    '--page-width': `${widthMm - 2 * layout.marginMm}mm`,
    '--page-height': `${heightMm - 2 * layout.marginMm}mm`,
    '--header-height': `${layout.headerMm}mm`,
    '--column-header-height': `${layout.columnHeaderMm}mm`,
    '--row-height': `${layout.rowMm}mm`,
    '--footer-height': `${layout.footerMm}mm`,
  } as CSSProperties;
  const title = t('title', { village: label({ zh: board.village.name, en: board.village.nameEn }) });
  let number = 0;
  return (
    <div className={`print-pages paper-${paper}`} style={style} data-testid="publicity-print">
      <style>{`@page { size: ${paper} landscape; margin: ${layout.marginMm}mm; }`}</style>
      {pages.map((rows, pageIndex) => {
        const isLast = pageIndex === pages.length - 1;
        return (
          <section
            className="print-sheet"
            key={`${paper}-${pageIndex.toString()}`}
            data-testid="publicity-print-page"
          >
            <header className="print-header">
              <div>
                <h2>{title}</h2>
                <p>
                  {label({ zh: board.park.name, en: board.park.nameEn })} · {board.village.town} ·{' '}
                  {t('asOf', { time: formats.dateTime(board.asOf) })}
                </p>
                <p>
                  {t('measure')}: {label(board.landAreaMeasure)} ·{' '}
                  {board.holderNames === 'masked' ? t('namesMasked') : t('namesFull')}
                </p>
              </div>
              <figure className="print-qr">
                <QrCodeImage url={liveUrl} label={t('scan')} />
                <figcaption>{t('scan')}</figcaption>
              </figure>
            </header>
            <table className="print-table">
              <thead>
                <HouseholdHeader />
              </thead>
              <tbody>
                {rows.map((row) => {
                  number += 1;
                  return <HouseholdRow key={row.parcelCode} row={row} number={number} />;
                })}
              </tbody>
              {isLast ? (
                <tfoot>
                  <TotalsRow board={board} />
                </tfoot>
              ) : null}
            </table>
            {isLast ? (
              <div className="print-closing">
                <p className="print-notes">{t('notes')}</p>
                <RateTables board={board} />
              </div>
            ) : null}
            <footer className="print-footer">
              <span>{title}</span>
              <span>{t('page', { page: pageIndex + 1, pages: pages.length })}</span>
            </footer>
          </section>
        );
      })}
    </div>
  );
}
