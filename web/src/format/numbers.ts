/**
 * Every number on screen goes through these formatters, in the interface language's locale. Precision follows the
 * reporting rule of `server/domain/units.ts` (亩 4 decimals, ㎡ 2 decimals), so the screen and the exports agree.
 */
import { AREA_DECIMALS } from '../../../server/domain/units.ts';
import { type Language, LOCALES } from '../i18n/dictionary.ts';
import { CHINA_TIME_ZONE } from './china-time.ts';

export interface NumberFormats {
  integer(value: number): string;
  mu(value: number): string;
  squareMetres(value: number): string;
  /** A share in [0, 1] as a percentage with one decimal. */
  percent(share: number): string;
  /** An ISO 8601 time as date and minutes in China Standard Time (the programme's clock, any device zone). */
  dateTime(iso: string): string;
  /** Month, day and minutes in CST: a feed line. */
  shortDateTime(iso: string): string;
}

const cache = new Map<Language, NumberFormats>();

export function numberFormats(language: Language): NumberFormats {
  const cached = cache.get(language);
  if (cached) return cached;
  const locale = LOCALES[language];
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const fixed = (decimals: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const mu = fixed(AREA_DECIMALS.mu);
  const squareMetres = fixed(AREA_DECIMALS.squareMetres);
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    // The programme runs on China Standard Time whatever the viewer's machine is set to.
    timeZone: CHINA_TIME_ZONE,
  });
  const shortDateTime = new Intl.DateTimeFormat(locale, {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: CHINA_TIME_ZONE,
  });
  const time = (format: Intl.DateTimeFormat) => (iso: string) => {
    const instant = new Date(iso);
    return Number.isNaN(instant.getTime()) ? iso : format.format(instant);
  };
  const formats: NumberFormats = {
    integer: (value) => integer.format(value),
    mu: (value) => mu.format(value),
    squareMetres: (value) => squareMetres.format(value),
    percent: (share) => percent.format(share),
    dateTime: time(dateTime),
    shortDateTime: time(shortDateTime),
  };
  cache.set(language, formats);
  return formats;
}
