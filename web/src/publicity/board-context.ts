/** The board's language, strings and formats, handed down once instead of through every component's props. */
import { createContext, useContext } from 'react';
import { type BoardFormats, boardFormats } from './board-format.ts';
import { type BoardLanguage, type BoardText, boardText } from './board-text.ts';

export interface BoardTools {
  language: BoardLanguage;
  t: BoardText;
  formats: BoardFormats;
  label(entry: { zh: string; en: string }): string;
}

export function boardTools(language: BoardLanguage): BoardTools {
  return {
    language,
    t: boardText(language),
    formats: boardFormats(language),
    label: (entry) => entry[language],
  };
}

export const BoardContext = createContext<BoardTools>(boardTools('zh'));

export function useBoard(): BoardTools {
  return useContext(BoardContext);
}
