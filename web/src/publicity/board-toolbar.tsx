import type { PublicityBoard } from '../../../server/routes/publicity-board.ts';
import { useBoard } from './board-context.ts';
import { PAPERS, type Paper } from './print-pagination.ts';
import { publicityApi, type VillageIndex } from './use-publicity.ts';

interface BoardToolbarProps {
  board: PublicityBoard;
  villages: VillageIndex | undefined;
  paper: Paper;
  onPaper: (paper: Paper) => void;
  onLanguage: (language: 'zh' | 'en') => void;
}

/** Village, language, paper, print and download: everything a reader or the clerk at the wall needs. */
export function BoardToolbar({ board, villages, paper, onPaper, onLanguage }: BoardToolbarProps) {
  const { t, language, label } = useBoard();
  return (
    <div className="board-toolbar">
      {villages ? (
        <label className="board-field">
          <span>{t('village')}</span>
          <select
            value={board.village.code}
            onChange={(event) => {
              const search = language === 'en' ? '?lang=en' : '';
              window.location.assign(`/publicity/${encodeURIComponent(event.target.value)}${search}`);
            }}
            data-testid="publicity-village"
          >
            {villages.villages.map((village) => (
              <option key={village.code} value={village.code}>
                {label({ zh: village.name, en: village.nameEn })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <fieldset className="board-language" aria-label={t('languageSwitch')}>
        {(['zh', 'en'] as const).map((code) => (
          <button
            key={code}
            type="button"
            aria-pressed={language === code}
            onClick={() => onLanguage(code)}
            data-testid={`publicity-language-${code}`}
          >
            {code === 'zh' ? '中文' : 'English'}
          </button>
        ))}
      </fieldset>
      <label className="board-field">
        <span>{t('paper')}</span>
        <select
          value={paper}
          onChange={(event) => onPaper(event.target.value as Paper)}
          data-testid="publicity-paper"
        >
          {Object.keys(PAPERS).map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="board-print"
        onClick={() => window.print()}
        data-testid="publicity-print-button"
      >
        {t('print')}
      </button>
      <a className="board-download" href={publicityApi.xlsx(board.village.code)} data-testid="publicity-xlsx">
        {t('downloadXlsx')}
      </a>
    </div>
  );
}
