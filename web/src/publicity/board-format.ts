/** Number and time formats of the board: 亩 to 4 decimals, ㎡ and 元 to 2, as the exports; times in China time. */
import type { BoardLanguage } from './board-text.ts';

const LOCALES: Record<BoardLanguage, string> = { zh: 'zh-CN', en: 'en-GB' };

export interface BoardFormats {
  integer(value: number): string;
  mu(value: number): string;
  squareMetres(value: number): string;
  yuan(value: number | null): string;
  tenThousandYuan(value: number): string;
  dateTime(iso: string): string;
}

export function boardFormats(language: BoardLanguage): BoardFormats {
  const locale = LOCALES[language];
  const fixed = (decimals: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const four = fixed(4);
  const two = fixed(2);
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  });
  return {
    integer: (value) => integer.format(value),
    mu: (value) => four.format(value),
    squareMetres: (value) => two.format(value),
    yuan: (value) => (value === null ? '—' : two.format(value)),
    tenThousandYuan: (value) => four.format(value / 10_000),
    dateTime: (iso) => {
      const time = new Date(iso);
      return Number.isNaN(time.getTime()) ? iso : dateTime.format(time);
    },
  };
}
