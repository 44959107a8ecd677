import { createContext, useContext } from 'react';
import { type NumberFormats, numberFormats } from '../format/numbers.ts';
import { interpolate, type Language } from './dictionary.ts';
import { en } from './en.ts';
import { zh } from './zh.ts';

export type MessageKey = keyof typeof zh;
export type Dictionary = Record<MessageKey, string>;

const DICTIONARIES: Record<Language, Dictionary> = { zh, en };

export interface LanguageTools {
  language: Language;
  /** A UI string, with `{name}` placeholders filled from `values`. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** The `zh`/`en` label of a domain table entry (status, land class, structure, village name). */
  label(entry: { zh: string; en: string }): string;
  formats: NumberFormats;
}

export function languageTools(language: Language): LanguageTools {
  const dictionary = DICTIONARIES[language];
  return {
    language,
    t: (key, values) => (values ? interpolate(dictionary[key], values) : dictionary[key]),
    label: (entry) => entry[language],
    formats: numberFormats(language),
  };
}

export const LanguageContext = createContext<LanguageTools>(languageTools('zh'));

/** The interface language chosen in the URL (`lang=en`), with its strings and number formats. */
export function useLanguage(): LanguageTools {
  return useContext(LanguageContext);
}
