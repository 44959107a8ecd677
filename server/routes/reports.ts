/**
 * `/api/reports/…` (signed in): the daily report (日报) for any date as JSON or XLSX, and the progress series behind
 * the charts. Both replay the store's in-memory status timeline; nothing here touches SQL.
 */
import { Hono } from 'hono';
import type { AppEnvironment } from '../auth/session.ts';
import { chinaDate } from '../domain/china-time.ts';
import { buildDailyReport, firstReportDate, reportDateError } from '../domain/reports/daily-report.ts';
import { buildProgressSeries } from '../domain/reports/progress.ts';
import { reportParcels } from '../domain/reports/report-parcels.ts';
import type { DailyReport, ProgressSeries } from '../domain/reports/report-types.ts';
import { dailyReportXlsx } from '../export/daily-report-xlsx.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import { CONTENT_TYPES, downloadHeaders } from './download.ts';
import { errorBody } from './errors.ts';

/** What every report replays: parcel facts, current statuses, the timeline and the plans, read from the store. */
export function reportSources(store: ParcelStore) {
  const columns = store.parcelColumns();
  return {
    facts: reportParcels(columns, store.villages()),
    // The replay copies what it changes: the store's own status columns are its starting point.
    current: columns,
    timeline: store.statusTimeline(),
    plans: store.plans.plans(),
  };
}

/** The daily report of `date` (default: today in China); an error message when the date cannot be served. */
export function dailyReportFor(
  store: ParcelStore,
  date: string | undefined,
  now = new Date(),
): { ok: true; report: DailyReport } | { ok: false; message: { zh: string; en: string }; value: string } {
  const sources = reportSources(store);
  const today = chinaDate(now);
  const reportDate = date === undefined || date === '' ? today : date;
  const problem = reportDateError(reportDate, today, firstReportDate(sources.timeline));
  if (problem) return { ok: false, message: problem, value: reportDate };
  return {
    ok: true,
    report: buildDailyReport({
      ...sources,
      date: reportDate,
      now,
      park: { name: store.park.name, nameEn: store.park.nameEn },
      zone: store.park.zone,
    }),
  };
}

/** One line per village and the park, one point per CST day from the first event's date to today. */
export function progressFor(store: ParcelStore, now = new Date()): ProgressSeries {
  const sources = reportSources(store);
  const today = chinaDate(now);
  const first = firstReportDate(sources.timeline);
  return buildProgressSeries({
    ...sources,
    from: first !== null && first < today ? first : today,
    to: today,
  });
}

export function reportRoutes(store: ParcelStore) {
  return new Hono<AppEnvironment>()
    .get('/daily', async (c) => {
      const format = c.req.query('format') ?? 'json';
      if (format !== 'json' && format !== 'xlsx') {
        return c.json(
          errorBody({ zh: '查询参数无效', en: 'Invalid query parameters' }, [
            {
              field: 'format',
              value: format,
              zh: '格式只能是 json 或 xlsx',
              en: 'format must be json or xlsx',
            },
          ]),
          400,
        );
      }
      const result = dailyReportFor(store, c.req.query('date'));
      if (!result.ok) {
        return c.json(
          errorBody({ zh: '日报日期无效', en: 'Invalid report date' }, [
            { field: 'date', value: result.value, zh: result.message.zh, en: result.message.en },
          ]),
          400,
        );
      }
      if (format === 'json') return c.json(result.report);
      const bytes = await dailyReportXlsx(result.report);
      return c.body(
        bytes,
        200,
        downloadHeaders(`征拆日报_daily-report_${result.report.date}.xlsx`, CONTENT_TYPES.xlsx),
      );
    })
    .get('/progress', (c) => c.json(progressFor(store)));
}
