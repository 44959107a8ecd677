import { lazy, Suspense, useCallback, useState } from 'react';
import type {
  DailyReport,
  PlansResponse,
  ProgressSeries,
} from '../../../server/domain/reports/report-types.ts';
import { dailyReportXlsxUrl } from '../api/client.ts';
import { addDays } from '../state/time-slider-dates.ts';
import type { ReportChartKind } from './charts/chart-options.ts';
import { PlanEditor, type PlanTarget } from './plan-editor.tsx';
import { useReportTools, villageName } from './report-context.ts';
import { reportTableRows, summaryRows } from './report-model.ts';
import { ReportPrint, SummaryLine } from './report-print.tsx';
import { ReportTable } from './report-table.tsx';

// ECharts is the biggest part of the page: the table is on screen before it has loaded.
const ReportCharts = lazy(() =>
  import('./charts/report-charts.tsx').then((module) => ({ default: module.ReportCharts })),
);

export interface ReportPageProps {
  report: DailyReport;
  /** The date asked for (null: today); differs from `report.date` while the next day loads. */
  requestedDate: string | null;
  today: string;
  loading: boolean;
  progress: ProgressSeries | null;
  plans: PlansResponse | null;
  /** hq's CSRF token: the plan editor is offered to hq only. */
  planCsrfToken: string | null;
  onDate(date: string | null): void;
  onLanguage(language: 'zh' | 'en'): void;
  onPlanSaved(): void;
}

/** 征地拆迁工作日报: header and tools, summaries, the ranked table, charts; printed as A4 sheets (`ReportPrint`). */
export function ReportPage(props: ReportPageProps) {
  const { report, progress, plans, planCsrfToken } = props;
  const tools = useReportTools();
  const { t, formats, label, language } = tools;
  const [chartImages, setChartImages] = useState<ReadonlyMap<ReportChartKind, string>>(new Map());
  const [planTarget, setPlanTarget] = useState<PlanTarget | null>(null);
  const onImage = useCallback(
    (kind: ReportChartKind, dataUrl: string) =>
      setChartImages((current) =>
        current.get(kind) === dataUrl ? current : new Map(current).set(kind, dataUrl),
      ),
    [],
  );
  const date = report.date;
  const earliest = progress?.from ?? null;
  const planOf = (village: string) => plans?.plans.find((entry) => entry.village === village)?.plan ?? null;
  const parkName = label({ zh: report.park.name, en: report.park.nameEn || report.park.name });

  return (
    <>
      <div className="report screen-only" data-testid="report-page" aria-busy={props.loading}>
        <header className="report-header">
          <div className="report-heading">
            <p className="report-park">{parkName}</p>
            <h1 data-testid="report-title">{t('title')}</h1>
            <p className="report-meta">
              <span data-testid="report-as-of">{t('asOf', { time: formats.dateTime(report.asOf) })}</span>
              {report.provisional && <span className="report-provisional">{t('provisional')}</span>}
              <span>{t('generatedAt', { time: formats.dateTime(report.generatedAt) })}</span>
            </p>
          </div>
          <div className="report-toolbar">
            <fieldset className="report-date" aria-label={t('date')}>
              <button
                type="button"
                className="report-button"
                onClick={() => props.onDate(addDays(date, -1))}
                disabled={earliest !== null && date <= earliest}
                data-testid="report-previous-day"
              >
                ‹ {t('previousDay')}
              </button>
              <input
                type="date"
                value={props.requestedDate ?? date}
                max={props.today}
                min={earliest ?? undefined}
                aria-label={t('date')}
                data-testid="report-date"
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  if (value) props.onDate(value === props.today ? null : value);
                }}
              />
              <button
                type="button"
                className="report-button"
                onClick={() => {
                  const next = addDays(date, 1);
                  props.onDate(next >= props.today ? null : next);
                }}
                disabled={date >= props.today}
                data-testid="report-next-day"
              >
                {t('nextDay')} ›
              </button>
              <button
                type="button"
                className="report-button"
                onClick={() => props.onDate(null)}
                disabled={date === props.today}
              >
                {t('today')}
              </button>
            </fieldset>
            <div className="report-actions">
              <button
                type="button"
                className="report-button report-button--primary"
                onClick={() => window.print()}
                data-testid="report-print-button"
              >
                {t('print')}
              </button>
              <a className="report-button" href={dailyReportXlsxUrl(date)} download data-testid="report-xlsx">
                {t('exportXlsx')}
              </a>
              <a
                className="report-button"
                href={language === 'en' ? '/?lang=en' : '/'}
                data-testid="report-back"
              >
                {t('backToMap')}
              </a>
              <fieldset className="report-language" aria-label={t('language')}>
                {(['zh', 'en'] as const).map((option) => (
                  <button
                    key={option}
                    type="button"
                    className="report-button"
                    aria-pressed={language === option}
                    onClick={() => props.onLanguage(option)}
                    data-testid={`report-language-${option}`}
                  >
                    {option === 'zh' ? '中文' : 'EN'}
                  </button>
                ))}
              </fieldset>
            </div>
          </div>
          <p className="report-measure-line">
            <strong>{t('measures')}</strong> {label(report.measures.today)} {label(report.measures.landArea)}{' '}
            <strong>{t('ranking')}</strong> {label(report.ranking)}
          </p>
        </header>

        <section className="report-section" aria-labelledby="report-summaries">
          <h2 id="report-summaries">{t('summaries')}</h2>
          <ul className="report-summaries" data-testid="report-summaries">
            {summaryRows(report).map((entry) => (
              <SummaryLine key={entry.row.village} entry={entry} />
            ))}
          </ul>
        </section>

        <section className="report-section" aria-labelledby="report-table-title">
          <h2 id="report-table-title">{t('table')}</h2>
          <div className="report-table-scroll">
            <ReportTable
              rows={reportTableRows(report)}
              planAction={
                planCsrfToken
                  ? (row) => (
                      <button
                        type="button"
                        className="report-plan-button"
                        onClick={() =>
                          setPlanTarget({
                            village: row.village,
                            name: villageName(row, tools),
                            plan: planOf(row.village),
                          })
                        }
                        data-testid={`report-plan-${row.village}`}
                      >
                        {planOf(row.village) ? t('editPlan') : t('setPlan')}
                      </button>
                    )
                  : undefined
              }
            />
          </div>
          <details className="report-measures">
            <summary>{t('measures')}</summary>
            <dl>
              {Object.entries(report.measures).map(([key, message]) => (
                <div key={key}>
                  <dd>{label(message)}</dd>
                </div>
              ))}
            </dl>
          </details>
        </section>

        <section className="report-section" aria-labelledby="report-charts-title">
          <h2 id="report-charts-title">{t('charts')}</h2>
          {progress ? (
            <Suspense fallback={<p>{t('loading')}</p>}>
              <ReportCharts progress={progress} date={date} onImage={onImage} />
            </Suspense>
          ) : (
            <p>{t('loading')}</p>
          )}
        </section>
      </div>
      <ReportPrint report={report} chartImages={chartImages} />
      {planTarget && planCsrfToken && (
        <PlanEditor
          target={planTarget}
          csrfToken={planCsrfToken}
          onClose={() => setPlanTarget(null)}
          onSaved={() => {
            setPlanTarget(null);
            props.onPlanSaved();
          }}
        />
      )}
    </>
  );
}
