/**
 * ECharts options of the report's charts, built by pure functions from the progress series (testable without a
 * canvas). Labels follow the page language; colours of the park totals come from the status table
 * (`server/domain/statuses.ts`), as on the map; villages get a fixed categorical palette in their code order.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ProgressLine, ProgressSeries } from '../../../../server/domain/reports/report-types.ts';
import { CLEARANCE_STATUSES, SIGNING_STATUSES } from '../../../../server/domain/statuses.ts';
import type { Language } from '../../i18n/dictionary.ts';
import type { ReportText } from '../report-text.ts';

export type ReportChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | TitleComponentOption
>;

export type ReportChartKind = 'signedCurves' | 'handedOverCurves' | 'daily' | 'totalVsPlan';

export const REPORT_CHARTS: readonly ReportChartKind[] = [
  'signedCurves',
  'handedOverCurves',
  'daily',
  'totalVsPlan',
];

export interface ChartTools {
  language: Language;
  t: ReportText;
  integer(value: number): string;
}

/** Colour-blind-safe categories (Tableau 10); a park with more villages repeats them in another line style. */
export const VILLAGE_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

const SIGNED_COLOUR = SIGNING_STATUSES.find((status) => status.code === 'signed')?.color ?? '#1b9e55';
const HANDED_OVER_COLOUR =
  CLEARANCE_STATUSES.find((status) => status.code === 'handedOver')?.color ?? '#2a7f62';
const PLAN_COLOUR = '#6b7280';

const TEXT_COLOUR = '#1f2937';
const AXIS_COLOUR = '#9ca3af';

function lineName(line: ProgressLine, tools: ChartTools): string {
  return tools.language === 'en' ? line.nameEn || line.name : line.name;
}

/** `2026-10-05` → `10-05`: a day axis of a programme that runs within a year or two. */
export function dayLabel(date: string): string {
  return date.slice(5);
}

/** A share in [0, 1] as a percentage value for the chart (two decimals keep the tooltip's one decimal exact). */
function percentValue(share: number | null): number | null {
  return share === null ? null : Math.round(share * 10_000) / 100;
}

function shares(counts: readonly number[], households: number): number[] {
  return counts.map((count) => (households > 0 ? Math.round((count / households) * 10_000) / 100 : 0));
}

function percentTooltip(value: unknown): string {
  return typeof value === 'number' ? `${value.toFixed(1)}%` : '—';
}

function base(title: string, dates: readonly string[], legend: string[]): ReportChartOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif' },
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 15, color: TEXT_COLOUR } },
    legend: { type: 'scroll', data: legend, top: 30, left: 8, right: 8, textStyle: { color: TEXT_COLOUR } },
    grid: { left: 56, right: 24, top: 84, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: dates.map(dayLabel),
      axisLine: { lineStyle: { color: AXIS_COLOUR } },
      axisLabel: { color: TEXT_COLOUR },
    },
  };
}

function shareAxis(tools: ChartTools) {
  return {
    type: 'value' as const,
    name: tools.t('axisShare'),
    nameTextStyle: { color: TEXT_COLOUR, align: 'right' as const },
    min: 0,
    max: 100,
    axisLabel: { formatter: '{value}%', color: TEXT_COLOUR },
    splitLine: { lineStyle: { color: '#e5e7eb' } },
  };
}

/** Cumulative signed or handed-over share per village: one line each, in the villages' code order. */
export function villageCurvesOption(
  progress: ProgressSeries,
  metric: 'signed' | 'handedOver',
  tools: ChartTools,
): ReportChartOption {
  const villages = progress.series.filter((line) => line.village !== 'total');
  const names = villages.map((line) => lineName(line, tools));
  const series: LineSeriesOption[] = villages.map((line, index) => ({
    type: 'line',
    name: names[index] as string,
    data: shares(line[metric], line.households),
    showSymbol: false,
    lineStyle: { width: 2, type: index >= VILLAGE_COLOURS.length ? 'dashed' : 'solid' },
    color: VILLAGE_COLOURS[index % VILLAGE_COLOURS.length],
    tooltip: { valueFormatter: percentTooltip },
  }));
  const title = tools.t(metric === 'signed' ? 'chartSignedCurves' : 'chartHandedOverCurves');
  return { ...base(title, progress.dates, names), yAxis: shareAxis(tools), series };
}

/** Park-wide daily increments: households signed and handed over each day, as bars. */
export function dailyIncrementsOption(progress: ProgressSeries, tools: ChartTools): ReportChartOption {
  const total = progress.series.find((line) => line.village === 'total');
  const signedName = tools.t('seriesSignedToday');
  const handedOverName = tools.t('seriesHandedOverToday');
  const valueFormatter = (value: unknown) => (typeof value === 'number' ? tools.integer(value) : '—');
  const series: BarSeriesOption[] = [
    {
      type: 'bar',
      name: signedName,
      data: total?.signedToday ?? [],
      color: SIGNED_COLOUR,
      tooltip: { valueFormatter },
    },
    {
      type: 'bar',
      name: handedOverName,
      data: total?.handedOverToday ?? [],
      color: HANDED_OVER_COLOUR,
      // The two greens of the status table are close: a dark outline and a lighter fill tell the handover bars apart.
      itemStyle: { opacity: 0.6, borderColor: '#134e3a', borderWidth: 1 },
      tooltip: { valueFormatter },
    },
  ];
  return {
    ...base(tools.t('chartDaily'), progress.dates, [signedName, handedOverName]),
    yAxis: {
      type: 'value',
      name: tools.t('axisHouseholds'),
      nameTextStyle: { color: TEXT_COLOUR, align: 'right' },
      axisLabel: { color: TEXT_COLOUR },
      splitLine: { lineStyle: { color: '#e5e7eb' } },
    },
    series,
  };
}

/** The park's signed and handed-over shares against the plan lines (dashed; gaps where no plan applies). */
export function totalVsPlanOption(progress: ProgressSeries, tools: ChartTools): ReportChartOption {
  const total = progress.series.find((line) => line.village === 'total');
  const households = total?.households ?? 0;
  const names = {
    signed: tools.t('seriesSigned'),
    handedOver: tools.t('seriesHandedOver'),
    planSigned: tools.t('seriesPlanSigned'),
    planHandedOver: tools.t('seriesPlanHandedOver'),
  };
  const tooltip = { valueFormatter: percentTooltip };
  const series: LineSeriesOption[] = [
    {
      type: 'line',
      name: names.signed,
      data: shares(total?.signed ?? [], households),
      showSymbol: false,
      color: SIGNED_COLOUR,
      lineStyle: { width: 3 },
      tooltip,
    },
    {
      type: 'line',
      name: names.handedOver,
      data: shares(total?.handedOver ?? [], households),
      showSymbol: false,
      color: HANDED_OVER_COLOUR,
      lineStyle: { width: 3, type: 'dotted' },
      tooltip,
    },
    {
      type: 'line',
      name: names.planSigned,
      data: (total?.planSignedShare ?? []).map(percentValue),
      showSymbol: false,
      color: PLAN_COLOUR,
      lineStyle: { width: 2, type: 'dashed' },
      tooltip,
    },
    {
      type: 'line',
      name: names.planHandedOver,
      data: (total?.planHandedOverShare ?? []).map(percentValue),
      showSymbol: false,
      color: '#a16207',
      lineStyle: { width: 2, type: 'dashed' },
      tooltip,
    },
  ];
  return {
    ...base(tools.t('chartTotalVsPlan'), progress.dates, Object.values(names)),
    yAxis: shareAxis(tools),
    series,
  };
}

export function chartOption(
  kind: ReportChartKind,
  progress: ProgressSeries,
  tools: ChartTools,
): ReportChartOption {
  switch (kind) {
    case 'signedCurves':
      return villageCurvesOption(progress, 'signed', tools);
    case 'handedOverCurves':
      return villageCurvesOption(progress, 'handedOver', tools);
    case 'daily':
      return dailyIncrementsOption(progress, tools);
    case 'totalVsPlan':
      return totalVsPlanOption(progress, tools);
  }
}

export function chartTitleKey(kind: ReportChartKind) {
  return (
    {
      signedCurves: 'chartSignedCurves',
      handedOverCurves: 'chartHandedOverCurves',
      daily: 'chartDaily',
      totalVsPlan: 'chartTotalVsPlan',
    } as const
  )[kind];
}

/** `日报-进度图-累计签约率-2026-11-20.png`: the chart and the report date in the name. */
export function chartFileName(
  kind: ReportChartKind,
  date: string,
  tools: Pick<ChartTools, 'language' | 't'>,
): string {
  const prefix = tools.language === 'en' ? 'daily-report' : '日报';
  const title = tools
    .t(chartTitleKey(kind))
    .replace(/[\\/:*?"<>|（）()\s]+/g, '-')
    .replace(/-+$/, '');
  return `${prefix}-${title}-${date}.png`;
}
