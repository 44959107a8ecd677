import { useState } from 'react';
import type { PublicityBoard } from '../../../server/routes/publicity-board.ts';
import { useBoard } from './board-context.ts';
import { BoardSummary } from './board-summary.tsx';
import { BoardToolbar } from './board-toolbar.tsx';
import { HouseholdTable } from './household-table.tsx';
import { PrintPages } from './print-pages.tsx';
import type { Paper } from './print-pagination.ts';
import { RateTables } from './rate-tables.tsx';
import type { VillageIndex } from './use-publicity.ts';

interface BoardPageProps {
  board: PublicityBoard;
  villages: VillageIndex | undefined;
  onLanguage: (language: 'zh' | 'en') => void;
}

export function BoardPage({ board, villages, onLanguage }: BoardPageProps) {
  const { t, formats, label } = useBoard();
  const [paper, setPaper] = useState<Paper>('A4');
  // The QR code leads to this page as the reader's own network reaches it, without language or other state.
  const liveUrl = `${window.location.origin}/publicity/${encodeURIComponent(board.village.code)}`;
  return (
    <>
      <div className="board screen-only" data-testid="publicity-board">
        <header className="board-header">
          <div className="board-heading">
            <p className="board-park">{label({ zh: board.park.name, en: board.park.nameEn })}</p>
            <h1 data-testid="publicity-title">
              {t('title', { village: label({ zh: board.village.name, en: board.village.nameEn }) })}
            </h1>
            <p className="board-meta">
              <span data-testid="publicity-as-of">{t('asOf', { time: formats.dateTime(board.asOf) })}</span>
              <span>
                {t('measure')}: {label(board.landAreaMeasure)}
              </span>
            </p>
          </div>
          <BoardToolbar
            board={board}
            villages={villages}
            paper={paper}
            onPaper={setPaper}
            onLanguage={onLanguage}
          />
        </header>
        <BoardSummary board={board} />
        <HouseholdTable board={board} />
        <section className="board-rates">
          <h2>{t('rates')}</h2>
          <div className="board-rates-scroll">
            <RateTables board={board} />
          </div>
          <p className="board-notes">{t('notes')}</p>
        </section>
      </div>
      <PrintPages board={board} paper={paper} liveUrl={liveUrl} />
    </>
  );
}
