import { useEffect, useMemo, useState } from 'react';
import { BoardContext, boardTools, useBoard } from './board-context.ts';
import { BoardPage } from './board-page.tsx';
import { type BoardLanguage, boardLanguageFrom } from './board-text.ts';
import { usePublicityBoard, useVillageIndex, type VillageIndex } from './use-publicity.ts';

/** `/publicity/V03` → `V03`; `/publicity/` → undefined (the list of villages). */
export function villageFromPath(pathname: string): string | undefined {
  const match = /^\/publicity\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1] as string) : undefined;
}

/** The public 公示 board: its own small tree, no sign-in, light and printable (see main.tsx). */
export function PublicityApp() {
  const [language, setLanguage] = useState<BoardLanguage>(() => boardLanguageFrom(window.location.search));
  const tools = useMemo(() => boardTools(language), [language]);
  const village = villageFromPath(window.location.pathname);
  const villages = useVillageIndex();
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en-GB';
  }, [language]);
  const changeLanguage = (next: BoardLanguage) => {
    const url = new URL(window.location.href);
    if (next === 'en') url.searchParams.set('lang', 'en');
    else url.searchParams.delete('lang');
    window.history.replaceState(null, '', url);
    setLanguage(next);
  };
  return (
    <BoardContext.Provider value={tools}>
      {village ? (
        <VillageBoard village={village} villages={villages} onLanguage={changeLanguage} />
      ) : (
        <VillageList villages={villages} />
      )}
    </BoardContext.Provider>
  );
}

function VillageBoard({
  village,
  villages,
  onLanguage,
}: {
  village: string;
  villages: VillageIndex | undefined;
  onLanguage: (language: BoardLanguage) => void;
}) {
  const state = usePublicityBoard(village);
  const { t, label } = useBoard();
  useEffect(() => {
    if (state.status === 'ready') {
      const name = label({ zh: state.board.village.name, en: state.board.village.nameEn });
      document.title = t('documentTitle', { village: name });
    }
  }, [state, t, label]);
  if (state.status === 'ready')
    return <BoardPage board={state.board} villages={villages} onLanguage={onLanguage} />;
  return <BoardMessage status={state.status} />;
}

function BoardMessage({ status }: { status: 'loading' | 'notFound' | 'error' }) {
  const { t } = useBoard();
  return (
    <main className="board board-message" data-testid={`publicity-${status}`}>
      <p>{t(status)}</p>
      {status === 'notFound' ? <a href="/publicity/">{t('indexTitle')}</a> : null}
    </main>
  );
}

function VillageList({ villages }: { villages: VillageIndex | undefined }) {
  const { t, label, language } = useBoard();
  return (
    <main className="board board-index" data-testid="publicity-index">
      <h1>{t('indexTitle')}</h1>
      {villages ? (
        <p className="board-park">{label({ zh: villages.park.name, en: villages.park.nameEn })}</p>
      ) : null}
      <p>{t('indexLead')}</p>
      <ul>
        {villages?.villages.map((village) => (
          <li key={village.code}>
            <a href={`/publicity/${encodeURIComponent(village.code)}${language === 'en' ? '?lang=en' : ''}`}>
              {label({ zh: village.name, en: village.nameEn })}
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
