/** The report page's language, strings and number formats, handed down once (like the 公示 board's). */
import { createContext, useContext } from 'react';
import { type NumberFormats, numberFormats } from '../format/numbers.ts';
import type { Language } from '../i18n/dictionary.ts';
import { type ReportText, reportText } from './report-text.ts';

export interface ReportTools {
  language: Language;
  t: ReportText;
  formats: NumberFormats;
  label(entry: { zh: string; en: string }): string;
}

export function reportTools(language: Language): ReportTools {
  return {
    language,
    t: reportText(language),
    formats: numberFormats(language),
    label: (entry) => entry[language] || entry.zh,
  };
}

export const ReportContext = createContext<ReportTools>(reportTools('zh'));

export function useReportTools(): ReportTools {
  return useContext(ReportContext);
}

/** A village row's name in the page language. */
export function villageName(row: { name: string; nameEn: string }, tools: ReportTools): string {
  return tools.label({ zh: row.name, en: row.nameEn || row.name });
}
