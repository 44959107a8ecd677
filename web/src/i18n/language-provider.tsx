import { type ReactNode, useEffect, useMemo } from 'react';
import { HTML_LANG, type Language } from './dictionary.ts';
import { LanguageContext, languageTools } from './use-language.ts';

/** Provides the language tools and keeps `<html lang>` and the document title in step with the URL's choice. */
export function LanguageProvider({ language, children }: { language: Language; children: ReactNode }) {
  const tools = useMemo(() => languageTools(language), [language]);
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[language];
    document.title = tools.t('productName');
  }, [language, tools]);
  return <LanguageContext value={tools}>{children}</LanguageContext>;
}
