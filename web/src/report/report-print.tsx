import type { CSSProperties } from 'react';
import type { DailyReport } from '../../../server/domain/reports/report-types.ts';
import type { ReportChartKind } from './charts/chart-options.ts';
import { chartTitleKey, REPORT_CHARTS } from './charts/chart-options.ts';
import { type PrintChunk, paginateReport, REPORT_PAPER, REPORT_PRINT_LAYOUT } from './print-layout.ts';
import { useReportTools, villageName } from './report-context.ts';
import { type ReportTableRow, reportTableRows, summaryRows } from './report-model.ts';
import { ReportTable } from './report-table.tsx';

/**
 * The report as printed A4 landscape sheets (hidden on screen): sections cut by `paginateReport` into sheets of
 * whole lines, each sheet with the report header and "page x of y", then one sheet per chart (the chart's image).
 */
export function ReportPrint({
  report,
  chartImages,
}: {
  report: DailyReport;
  chartImages: ReadonlyMap<ReportChartKind, string>;
}) {
  const tools = useReportTools();
  const { t, formats, label } = tools;
  const summaries = summaryRows(report);
  const rows = reportTableRows(report);
  const measures = Object.entries(report.measures);
  const textPages = paginateReport([
    { kind: 'summaries', count: summaries.length },
    { kind: 'table', count: rows.length },
    { kind: 'measures', count: measures.length },
  ]);
  const pageCount = textPages.length + REPORT_CHARTS.length;
  const layout = REPORT_PRINT_LAYOUT;
  const style = {
    '--page-width': `${REPORT_PAPER.widthMm - 2 * layout.marginMm}mm`,
    '--page-height': `${REPORT_PAPER.heightMm - 2 * layout.marginMm}mm`,
    '--header-height': `${layout.headerMm}mm`,
    '--footer-height': `${layout.footerMm}mm`,
    '--section-title-height': `${layout.sectionTitleMm}mm`,
    '--summary-line-height': `${layout.summaryLineMm}mm`,
    '--table-header-row-height': `${layout.tableHeaderMm / 2}mm`,
    '--table-row-height': `${layout.tableRowMm}mm`,
    '--measure-line-height': `${layout.measureLineMm}mm`,
  } as CSSProperties;
  const title = `${label({ zh: report.park.name, en: report.park.nameEn || report.park.name })} · ${t('title')}`;
  const header = (
    <header className="print-sheet__header">
      <h2>{title}</h2>
      <p>
        <strong>{report.date}</strong> · {t('asOf', { time: formats.dateTime(report.asOf) })}
        {report.provisional ? ` · ${t('provisional')}` : ''} ·{' '}
        {t('generatedAt', { time: formats.dateTime(report.generatedAt) })}
      </p>
      <p>
        {t('ranking')}: {label(report.ranking)}
      </p>
    </header>
  );
  const footer = (page: number) => (
    <footer className="print-sheet__footer">
      <span>{title}</span>
      <span>{t('page', { page, pages: pageCount })}</span>
    </footer>
  );
  const chunk = (part: PrintChunk) => {
    switch (part.kind) {
      case 'summaries':
        return (
          <section key="summaries" className="print-section">
            {part.first && <h3 className="print-section__title">{t('summaries')}</h3>}
            <ul className="print-summaries">
              {summaries.slice(part.start, part.end).map((entry) => (
                <SummaryLine key={entry.row.village} entry={entry} />
              ))}
            </ul>
          </section>
        );
      case 'table':
        return (
          <section key={`table-${part.start}`} className="print-section">
            {part.first && <h3 className="print-section__title">{t('table')}</h3>}
            <ReportTable rows={rows.slice(part.start, part.end)} />
          </section>
        );
      case 'measures':
        return (
          <section key={`measures-${part.start}`} className="print-section">
            {part.first && <h3 className="print-section__title">{t('measures')}</h3>}
            <ul className="print-measures">
              {measures.slice(part.start, part.end).map(([key, message]) => (
                <li key={key}>{label(message)}</li>
              ))}
            </ul>
          </section>
        );
    }
  };
  return (
    <div className="report-print" style={style} data-testid="report-print">
      <style>{`@page { size: A4 landscape; margin: ${layout.marginMm}mm; }`}</style>
      {textPages.map((parts, index) => (
        <section className="print-sheet" key={`text-${index.toString()}`} data-testid="report-print-page">
          {header}
          <div className="print-sheet__body">{parts.map(chunk)}</div>
          {footer(index + 1)}
        </section>
      ))}
      {REPORT_CHARTS.map((kind, index) => (
        <section className="print-sheet print-sheet--chart" key={kind} data-testid="report-print-page">
          {header}
          <div className="print-sheet__body print-sheet__chart">
            {chartImages.get(kind) ? <img src={chartImages.get(kind)} alt={t(chartTitleKey(kind))} /> : null}
          </div>
          {footer(textPages.length + index + 1)}
        </section>
      ))}
    </div>
  );
}

export function SummaryLine({ entry }: { entry: ReportTableRow }) {
  const tools = useReportTools();
  const { row } = entry;
  return (
    <li
      className={`report-summary${entry.behindPlan ? ' report-summary--behind' : ''}${entry.isTotal ? ' report-summary--total' : ''}`}
      data-testid="report-summary"
      data-village={row.village}
    >
      <strong>{entry.isTotal ? tools.t('total') : villageName(row, tools)}</strong>
      <span>{tools.label(row.summary)}</span>
    </li>
  );
}
