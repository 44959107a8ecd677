/**
 * UI strings only. Status, land-class and structure labels come from the domain table
 * (`server/domain/statuses.ts`, fields `zh`/`en`), never from here, so the map, the legend and the exports agree.
 */
export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The Intl locale each interface language formats numbers and dates in. */
export const LOCALES: Record<Language, string> = { zh: 'zh-CN', en: 'en-GB' };

/** `<html lang>` per interface language. */
export const HTML_LANG: Record<Language, string> = { zh: 'zh-CN', en: 'en-GB' };

export function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

/** Replaces `{name}` placeholders; unknown placeholders are left visible so a missing value is noticed. */
export function interpolate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
