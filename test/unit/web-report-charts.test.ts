/** The report's chart options: one line per village, labels in the page language, the plan line, PNG names. */
import { describe, expect, it } from 'vitest';
import type { ProgressSeries } from '../../server/domain/reports/report-types.ts';
import { SIGNING_STATUSES } from '../../server/domain/statuses.ts';
import { numberFormats } from '../../web/src/format/numbers.ts';
import {
  chartFileName,
  dailyIncrementsOption,
  totalVsPlanOption,
  villageCurvesOption,
} from '../../web/src/report/charts/chart-options.ts';
import { reportText } from '../../web/src/report/report-text.ts';

const progress: ProgressSeries = {
  asOf: '2026-11-04T00:00:00+08:00',
  from: '2026-11-01',
  to: '2026-11-03',
  dates: ['2026-11-01', '2026-11-02', '2026-11-03'],
  series: [
    line('V01', '松林村', 'Songlin', 10, [1, 2, 5], [0, 0, 1]),
    line('V02', '杉木村', 'Shanmu', 20, [0, 4, 4], [0, 1, 2]),
    {
      ...line('total', '合计', 'Total', 30, [1, 6, 9], [0, 1, 3]),
      planSignedShare: [null, 0.2, 0.3],
    },
  ],
};

function line(
  village: string,
  name: string,
  nameEn: string,
  households: number,
  signed: number[],
  handedOver: number[],
) {
  const daily = (values: number[]) => values.map((value, index) => value - (values[index - 1] ?? 0));
  return {
    village,
    name,
    nameEn,
    households,
    signed,
    handedOver,
    signedToday: daily(signed),
    handedOverToday: daily(handedOver),
    planSignedShare: signed.map(() => null),
    planHandedOverShare: signed.map(() => null),
  };
}

const tools = (language: 'zh' | 'en') => ({
  language,
  t: reportText(language),
  integer: numberFormats(language).integer,
});

type Series = { name: string; type: string; data: (number | null)[] };
const seriesOf = (option: { series?: unknown }) => option.series as Series[];

describe('report chart options', () => {
  it('draw one cumulative line per village (not the total), as shares, named in the page language', () => {
    const zh = villageCurvesOption(progress, 'signed', tools('zh'));
    expect(seriesOf(zh).map((series) => series.name)).toEqual(['松林村', '杉木村']);
    expect(seriesOf(zh)[0]?.data).toEqual([10, 20, 50]);
    expect((zh.legend as { data: string[] }).data).toEqual(['松林村', '杉木村']);
    expect((zh.title as { text: string }).text).toBe('累计签约率（分村）');
    expect((zh.xAxis as { data: string[] }).data).toEqual(['11-01', '11-02', '11-03']);
    const en = villageCurvesOption(progress, 'handedOver', tools('en'));
    expect(seriesOf(en).map((series) => series.name)).toEqual(['Songlin', 'Shanmu']);
    expect(seriesOf(en)[1]?.data).toEqual([0, 5, 10]);
  });

  it('draw the park daily increments as bars in the status table colour', () => {
    const option = dailyIncrementsOption(progress, tools('zh'));
    const series = seriesOf(option);
    expect(series.map((entry) => [entry.type, entry.name])).toEqual([
      ['bar', '今日签约（户）'],
      ['bar', '今日交地（户）'],
    ]);
    expect(series[0]?.data).toEqual([1, 5, 3]);
    expect((series[0] as unknown as { color: string }).color).toBe(
      SIGNING_STATUSES.find((status) => status.code === 'signed')?.color,
    );
  });

  it('draw the park total against the plan line, with gaps where no plan applies', () => {
    const series = seriesOf(totalVsPlanOption(progress, tools('en')));
    expect(series.map((entry) => entry.name)).toEqual([
      'Signed share',
      'Handed-over share',
      'Planned signed share',
      'Planned handed-over share',
    ]);
    expect(series[0]?.data).toEqual([3.33, 20, 30]);
    expect(series[2]?.data).toEqual([null, 20, 30]);
  });

  it('name the PNG after the chart and the report date', () => {
    expect(chartFileName('signedCurves', '2026-11-20', tools('zh'))).toBe(
      '日报-累计签约率-分村-2026-11-20.png',
    );
    expect(chartFileName('daily', '2026-11-20', tools('en'))).toBe(
      'daily-report-Daily-increments-park-2026-11-20.png',
    );
  });
});
