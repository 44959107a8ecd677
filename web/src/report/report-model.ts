/**
 * The daily report as the page and the printout show it, from the server's JSON by pure functions: rows in rank
 * order with the total last, summaries with the villages behind plan first, and the plan cells (expected share,
 * gap, countdown) as short texts. The numbers themselves are the server's; nothing is recomputed here.
 */
import type {
  DailyReport,
  DailyReportRow,
  PlanProgress,
} from '../../../server/domain/reports/report-types.ts';
import type { ReportText } from './report-text.ts';

export interface ReportTableRow {
  row: DailyReportRow;
  isTotal: boolean;
  behindPlan: boolean;
}

function byRank(first: DailyReportRow, second: DailyReportRow): number {
  return (first.rank ?? Number.MAX_SAFE_INTEGER) - (second.rank ?? Number.MAX_SAFE_INTEGER);
}

/** Villages by rank (1 first), then 合计. */
export function reportTableRows(report: DailyReport): ReportTableRow[] {
  const villages = [...report.rows].sort(byRank).map((row) => ({
    row,
    isTotal: false,
    behindPlan: row.plan?.behindPlan === true,
  }));
  return [
    ...villages,
    { row: report.total, isTotal: true, behindPlan: report.total.plan?.behindPlan === true },
  ];
}

/**
 * The summary sentences heading the report: behind-plan villages first (the furthest behind first), then the
 * others by rank; the park total last.
 */
export function summaryRows(report: DailyReport): ReportTableRow[] {
  const gap = (row: DailyReportRow) =>
    Math.max(row.plan?.signedGapPoints ?? 0, row.plan?.handedOverGapPoints ?? 0);
  const behind = report.rows
    .filter((row) => row.plan?.behindPlan)
    .sort((first, second) => gap(second) - gap(first));
  const others = report.rows.filter((row) => !row.plan?.behindPlan).sort(byRank);
  return [
    ...behind.map((row) => ({ row, isTotal: false, behindPlan: true })),
    ...others.map((row) => ({ row, isTotal: false, behindPlan: false })),
    { row: report.total, isTotal: true, behindPlan: report.total.plan?.behindPlan === true },
  ];
}

/** Percentage points with one decimal and no trailing `.0` (gaps are read aloud in the morning meeting). */
export function formatPoints(points: number): string {
  const rounded = Math.round(Math.abs(points) * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** "落后 6 个百分点" / "领先 2 个百分点" / "—" (on plan exactly or no plan). */
export function gapText(points: number | undefined, t: ReportText): string {
  if (points === undefined) return '—';
  const value = t('points', { value: formatPoints(points) });
  if (Math.abs(points) < 0.05) return '±0';
  return points > 0 ? t('behindPoints', { points: value }) : t('aheadPoints', { points: value });
}

/** "12 天" / "今日到期" / "逾期 3 天". */
export function countdownText(daysLeft: number, t: ReportText): string {
  if (daysLeft === 0) return t('dueToday');
  return daysLeft > 0 ? t('daysLeft', { days: daysLeft }) : t('overdue', { days: -daysLeft });
}

/** A "today" count as shown: `+5`, `−2` after a correction, `0`. */
export function todayText(today: number, integer: (value: number) => string): string {
  if (today > 0) return `+${integer(today)}`;
  if (today < 0) return `−${integer(-today)}`;
  return '0';
}

export interface PlanCells {
  expected: [string, string];
  gap: [string, string];
  countdown: [string, string];
  /** Which of the two lines (signed, handed over) is behind. */
  behind: [boolean, boolean];
}

/** The three plan columns, each with a signing line and a handover line; null without a plan. */
export function planCells(
  plan: PlanProgress | null,
  t: ReportText,
  percent: (share: number) => string,
): PlanCells | null {
  if (!plan) return null;
  return {
    expected: [percent(plan.expectedSignedShare), percent(plan.expectedHandedOverShare)],
    gap: [gapText(plan.signedGapPoints, t), gapText(plan.handedOverGapPoints, t)],
    countdown: [countdownText(plan.signedDaysLeft, t), countdownText(plan.handedOverDaysLeft, t)],
    behind: [plan.signedGapPoints > 0.05, plan.handedOverGapPoints > 0.05],
  };
}

/** `/report?date=…&lang=…` parsed: a `YYYY-MM-DD` date or null (today). */
export function reportLocation(search: string): { date: string | null; language: 'zh' | 'en' } {
  const parameters = new URLSearchParams(search);
  const date = parameters.get('date');
  return {
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    language: parameters.get('lang') === 'en' ? 'en' : 'zh',
  };
}

export function formatReportLocation(date: string | null, language: 'zh' | 'en'): string {
  const parameters = new URLSearchParams();
  if (date) parameters.set('date', date);
  if (language === 'en') parameters.set('lang', 'en');
  const query = parameters.toString();
  return `/report${query ? `?${query}` : ''}`;
}
