import { useMemo } from 'react';
import type { ProgressSeries } from '../../../../server/domain/reports/report-types.ts';
import { useReportTools } from '../report-context.ts';
import { chartOption, REPORT_CHARTS, type ReportChartKind } from './chart-options.ts';
import { ReportChart } from './report-chart.tsx';

/** 进度图: the four charts of the progress series, in the page language. Loaded lazily with ECharts. */
export function ReportCharts({
  progress,
  date,
  onImage,
}: {
  progress: ProgressSeries;
  date: string;
  onImage(kind: ReportChartKind, dataUrl: string): void;
}) {
  const tools = useReportTools();
  const { language, t, formats } = tools;
  const options = useMemo(
    () =>
      REPORT_CHARTS.map((kind) => ({
        kind,
        option: chartOption(kind, progress, { language, t, integer: formats.integer }),
      })),
    [progress, language, t, formats],
  );
  return (
    <div className="report-charts">
      {options.map(({ kind, option }) => (
        <ReportChart key={kind} kind={kind} option={option} date={date} onImage={onImage} />
      ))}
    </div>
  );
}
