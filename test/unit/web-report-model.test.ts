/** The daily report page's pure parts: row order, summaries, plan cells, the URL, and the printed sheets. */
import { describe, expect, it } from 'vitest';
import type { DailyReport, DailyReportRow, PlanProgress } from '../../server/domain/reports/report-types.ts';
import { numberFormats } from '../../web/src/format/numbers.ts';
import { paginateReport, REPORT_PRINT_LAYOUT, sheetBodyMm } from '../../web/src/report/print-layout.ts';
import {
  countdownText,
  formatReportLocation,
  gapText,
  planCells,
  reportLocation,
  reportTableRows,
  summaryRows,
  todayText,
} from '../../web/src/report/report-model.ts';
import { REPORT_TEXTS, reportText } from '../../web/src/report/report-text.ts';

function plan(signedGapPoints: number, handedOverGapPoints: number): PlanProgress {
  return {
    expectedSignedShare: 0.5,
    expectedHandedOverShare: 0.2,
    signedGapPoints,
    handedOverGapPoints,
    behindPlan: signedGapPoints > 0 || handedOverGapPoints > 0,
    signedDeadline: '2026-12-31',
    signedDaysLeft: 35,
    handedOverDeadline: '2027-03-31',
    handedOverDaysLeft: -2,
  };
}

function row(village: string, rank: number | null, planProgress: PlanProgress | null): DailyReportRow {
  const figures = { today: 1, cumulative: 10 };
  return {
    village,
    name: `${village}村`,
    nameEn: village,
    task: { households: 100, landMu: 50, landSquareMetres: 33_333.33, buildingSquareMetres: 9000 },
    surveyed: 90,
    signed: { ...figures, share: 0.1 },
    ruled: figures,
    vacated: figures,
    demolished: figures,
    handedOver: { ...figures, share: 0.1, mu: 5, todayMu: 0.5 },
    openProblems: 2,
    illegalStructures: null,
    plan: planProgress,
    rank,
    summary: { zh: `${village} 今日签约 1 户`, en: `${village}: 1 signed today` },
  };
}

const message = { zh: '说明', en: 'note' };
const report: DailyReport = {
  date: '2026-11-20',
  asOf: '2026-11-21T00:00:00+08:00',
  generatedAt: '2026-11-26T09:00:00+08:00',
  provisional: false,
  park: { name: '园区', nameEn: 'Park' },
  // Deliberately not in rank order.
  rows: [
    row('V02', 3, plan(-2, 0)),
    row('V01', 1, null),
    row('V03', 2, plan(6, 1.5)),
    row('V04', 4, plan(1, 9)),
  ],
  total: row('total', null, plan(2, 3)),
  ranking: message,
  measures: {
    asOf: message,
    today: message,
    households: message,
    landArea: message,
    buildingArea: message,
    surveyed: message,
    signed: message,
    ruled: message,
    vacated: message,
    demolished: message,
    handedOver: message,
    openProblems: message,
    illegalStructures: message,
    plan: message,
  },
};

describe('the report table model', () => {
  it('ranks the villages, marks those behind plan, and puts 合计 last', () => {
    const rows = reportTableRows(report);
    expect(rows.map((entry) => entry.row.village)).toEqual(['V01', 'V03', 'V02', 'V04', 'total']);
    expect(rows.map((entry) => entry.behindPlan)).toEqual([false, true, false, true, true]);
    expect(rows.at(-1)?.isTotal).toBe(true);
  });

  it('heads the summaries with the villages furthest behind plan', () => {
    expect(summaryRows(report).map((entry) => entry.row.village)).toEqual([
      'V04',
      'V03',
      'V01',
      'V02',
      'total',
    ]);
  });

  it('writes the plan cells, gaps and countdowns in both languages', () => {
    const zh = reportText('zh');
    const en = reportText('en');
    const percent = numberFormats('zh').percent;
    const cells = planCells(plan(6, -1.25), zh, percent);
    expect(cells?.expected).toEqual(['50.0%', '20.0%']);
    expect(cells?.gap).toEqual(['落后 6 个百分点', '领先 1.3 个百分点']);
    expect(cells?.countdown).toEqual(['35 天', '逾期 2 天']);
    expect(cells?.behind).toEqual([true, false]);
    expect(planCells(null, zh, percent)).toBeNull();
    expect(gapText(6, en)).toBe('6 behind');
    expect(countdownText(0, en)).toBe('due today');
    expect(todayText(-3, numberFormats('en').integer)).toBe('−3');
    expect(todayText(5, numberFormats('en').integer)).toBe('+5');
  });

  it('has every string in both languages', () => {
    expect(Object.keys(REPORT_TEXTS.en).sort()).toEqual(Object.keys(REPORT_TEXTS.zh).sort());
  });

  it('reads and writes the date and language of the URL', () => {
    expect(reportLocation('?date=2026-11-20&lang=en')).toEqual({ date: '2026-11-20', language: 'en' });
    expect(reportLocation('?date=tomorrow')).toEqual({ date: null, language: 'zh' });
    expect(formatReportLocation('2026-11-20', 'en')).toBe('/report?date=2026-11-20&lang=en');
    expect(formatReportLocation(null, 'zh')).toBe('/report');
  });
});

describe('the printed sheets', () => {
  it('fit a small park on one sheet', () => {
    const pages = paginateReport([
      { kind: 'summaries', count: 8 },
      { kind: 'table', count: 8 },
      { kind: 'measures', count: 0 },
    ]);
    expect(pages).toHaveLength(1);
  });

  it('cut a long table into sheets of whole rows, each within the sheet body, none lost', () => {
    const sections = [
      { kind: 'summaries' as const, count: 88 },
      { kind: 'table' as const, count: 88 },
      { kind: 'measures' as const, count: 14 },
    ];
    const pages = paginateReport(sections);
    const layout = REPORT_PRINT_LAYOUT;
    const sizes = {
      summaries: { header: 0, item: layout.summaryLineMm },
      table: { header: layout.tableHeaderMm, item: layout.tableRowMm },
      measures: { header: 0, item: layout.measureLineMm },
    };
    for (const page of pages) {
      const used = page.reduce(
        (sum, chunk) =>
          sum +
          (chunk.first ? layout.sectionTitleMm : 0) +
          sizes[chunk.kind].header +
          (chunk.end - chunk.start) * sizes[chunk.kind].item,
        0,
      );
      expect(used).toBeLessThanOrEqual(sheetBodyMm());
      expect(page.length).toBeGreaterThan(0);
    }
    for (const section of sections) {
      const chunks = pages.flat().filter((chunk) => chunk.kind === section.kind);
      expect(chunks.reduce((sum, chunk) => sum + chunk.end - chunk.start, 0)).toBe(section.count);
      expect(chunks.filter((chunk) => chunk.first)).toHaveLength(1);
    }
    expect(pages.length).toBeGreaterThan(3);
  });
});
