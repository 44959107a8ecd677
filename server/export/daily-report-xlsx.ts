/**
 * The daily report (日报) as an XLSX workbook laid out the way Chinese government reports are: a title row, an as-of
 * row, a two-level header with merged group cells (签约 over 今日/累计/比例, …), one row per village and 合计, and
 * the 口径 notes underneath. A small sheet, so the in-memory workbook (which supports merges) is used, not the
 * streaming writer of `xlsx.ts`.
 */
import ExcelJS from 'exceljs';
import type { DailyReport, DailyReportRow } from '../domain/reports/report-types.ts';

type CellValue = string | number | null;

interface Column {
  /** Group header (row 1 of the header); null = the column stands alone and its header spans both rows. */
  group: string | null;
  header: string;
  width: number;
  numberFormat?: string;
  value: (row: DailyReportRow) => CellValue;
}

const PERCENT = '0.0%';
const MU = '0.0000';
const SQUARE_METRES = '#,##0.00';
const POINTS = '0.0';

/** The report's columns, left to right. Groups must be contiguous. */
export const DAILY_REPORT_COLUMNS: readonly Column[] = [
  { group: null, header: '排名\nRank', width: 6, value: (row) => row.rank },
  { group: null, header: '村\nVillage', width: 12, value: (row) => row.name },
  { group: '任务 Task', header: '户数\nHouseholds', width: 9, value: (row) => row.task.households },
  {
    group: '任务 Task',
    header: '土地（亩）\nLand (mu)',
    width: 12,
    numberFormat: MU,
    value: (row) => row.task.landMu,
  },
  {
    group: '任务 Task',
    header: '土地（㎡）\nLand (㎡)',
    width: 14,
    numberFormat: SQUARE_METRES,
    value: (row) => row.task.landSquareMetres,
  },
  {
    group: '任务 Task',
    header: '建筑面积（㎡）\nFloor area (㎡)',
    width: 14,
    numberFormat: SQUARE_METRES,
    value: (row) => row.task.buildingSquareMetres,
  },
  { group: null, header: '已调查（户）\nSurveyed', width: 10, value: (row) => row.surveyed },
  { group: '签约 Signed', header: '今日\nToday', width: 7, value: (row) => row.signed.today },
  { group: '签约 Signed', header: '累计\nTotal', width: 7, value: (row) => row.signed.cumulative },
  {
    group: '签约 Signed',
    header: '比例\nShare',
    width: 8,
    numberFormat: PERCENT,
    value: (row) => row.signed.share,
  },
  { group: '裁决 Ruled', header: '今日\nToday', width: 7, value: (row) => row.ruled.today },
  { group: '裁决 Ruled', header: '累计\nTotal', width: 7, value: (row) => row.ruled.cumulative },
  { group: '腾空 Vacated', header: '今日\nToday', width: 7, value: (row) => row.vacated.today },
  { group: '腾空 Vacated', header: '累计\nTotal', width: 7, value: (row) => row.vacated.cumulative },
  { group: '拆除 Demolished', header: '今日\nToday', width: 7, value: (row) => row.demolished.today },
  { group: '拆除 Demolished', header: '累计\nTotal', width: 7, value: (row) => row.demolished.cumulative },
  { group: '交地 Handed over', header: '今日\nToday', width: 7, value: (row) => row.handedOver.today },
  {
    group: '交地 Handed over',
    header: '累计（户）\nHouseholds',
    width: 10,
    value: (row) => row.handedOver.cumulative,
  },
  {
    group: '交地 Handed over',
    header: '累计（亩）\nLand (mu)',
    width: 12,
    numberFormat: MU,
    value: (row) => row.handedOver.mu,
  },
  {
    group: '交地 Handed over',
    header: '比例\nShare',
    width: 8,
    numberFormat: PERCENT,
    value: (row) => row.handedOver.share,
  },
  { group: null, header: '未办结问题\nOpen problems', width: 10, value: (row) => row.openProblems },
  { group: null, header: '违建\nIllegal', width: 7, value: (row) => row.illegalStructures },
  {
    group: '签约计划 Signing plan',
    header: '应完成\nExpected',
    width: 9,
    numberFormat: PERCENT,
    value: (row) => row.plan?.expectedSignedShare ?? null,
  },
  {
    group: '签约计划 Signing plan',
    header: '差距（百分点）\nGap (points)',
    width: 11,
    numberFormat: POINTS,
    value: (row) => row.plan?.signedGapPoints ?? null,
  },
  {
    group: '签约计划 Signing plan',
    header: '剩余天数\nDays left',
    width: 9,
    value: (row) => row.plan?.signedDaysLeft ?? null,
  },
  {
    group: '交地计划 Handover plan',
    header: '应完成\nExpected',
    width: 9,
    numberFormat: PERCENT,
    value: (row) => row.plan?.expectedHandedOverShare ?? null,
  },
  {
    group: '交地计划 Handover plan',
    header: '差距（百分点）\nGap (points)',
    width: 11,
    numberFormat: POINTS,
    value: (row) => row.plan?.handedOverGapPoints ?? null,
  },
  {
    group: '交地计划 Handover plan',
    header: '剩余天数\nDays left',
    width: 9,
    value: (row) => row.plan?.handedOverDaysLeft ?? null,
  },
  { group: null, header: '简要情况\nSummary', width: 60, value: (row) => row.summary.zh },
];

/** Rows (1-based) of the sheet's fixed parts. */
export const DAILY_REPORT_LAYOUT = { title: 1, asOf: 2, groupHeader: 3, header: 4, firstData: 5 } as const;

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const BEHIND_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };

export async function dailyReportXlsx(report: DailyReport): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '征拆一张图 Parcel Command Map';
  const sheet = workbook.addWorksheet(`日报 ${report.date}`, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: DAILY_REPORT_LAYOUT.header }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = DAILY_REPORT_COLUMNS.length;
  sheet.columns = DAILY_REPORT_COLUMNS.map((column) => ({ width: column.width }));

  const title = sheet.getCell(DAILY_REPORT_LAYOUT.title, 1);
  title.value = `${report.park.name}征地拆迁工作日报（${report.date}） ${report.park.nameEn} daily report`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(DAILY_REPORT_LAYOUT.title).height = 28;
  sheet.mergeCells(DAILY_REPORT_LAYOUT.title, 1, DAILY_REPORT_LAYOUT.title, width);

  const asOf = sheet.getCell(DAILY_REPORT_LAYOUT.asOf, 1);
  asOf.value =
    `数据截至 As of ${report.asOf}（北京时间 China Standard Time，不含该时刻 exclusive）` +
    `　生成时间 Generated ${report.generatedAt}${report.provisional ? '　当日未结束，数据为临时数 provisional' : ''}`;
  sheet.mergeCells(DAILY_REPORT_LAYOUT.asOf, 1, DAILY_REPORT_LAYOUT.asOf, width);

  // Two-level header: a group cell merged across its columns, or a lone column merged across both header rows.
  const groupRow = DAILY_REPORT_LAYOUT.groupHeader;
  const headerRow = DAILY_REPORT_LAYOUT.header;
  let columnIndex = 0;
  while (columnIndex < width) {
    const column = DAILY_REPORT_COLUMNS[columnIndex] as Column;
    const first = columnIndex + 1;
    if (column.group === null) {
      sheet.getCell(groupRow, first).value = column.header;
      sheet.mergeCells(groupRow, first, headerRow, first);
      columnIndex++;
      continue;
    }
    let last = first;
    while (DAILY_REPORT_COLUMNS[last]?.group === column.group) last++;
    sheet.getCell(groupRow, first).value = column.group;
    for (let member = first; member <= last; member++)
      sheet.getCell(headerRow, member).value = (DAILY_REPORT_COLUMNS[member - 1] as Column).header;
    if (last > first) sheet.mergeCells(groupRow, first, groupRow, last);
    columnIndex = last;
  }
  for (const rowNumber of [groupRow, headerRow]) {
    const row = sheet.getRow(rowNumber);
    row.height = 32;
    for (let column = 1; column <= width; column++) {
      const cell = row.getCell(column);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    }
  }

  const dataRows = [...report.rows, report.total];
  dataRows.forEach((reportRow, index) => {
    const row = sheet.getRow(DAILY_REPORT_LAYOUT.firstData + index);
    DAILY_REPORT_COLUMNS.forEach((column, position) => {
      const cell = row.getCell(position + 1);
      cell.value = column.value(reportRow);
      if (column.numberFormat) cell.numFmt = column.numberFormat;
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: position === width - 1 };
      // 落后计划的村标红底: the command centre dispatches teams to these in the morning.
      if (reportRow.plan?.behindPlan && reportRow.village !== 'total') cell.fill = BEHIND_FILL;
    });
    if (reportRow.village === 'total') row.font = { bold: true };
  });

  let noteRow = DAILY_REPORT_LAYOUT.firstData + dataRows.length + 1;
  sheet.getCell(noteRow, 1).value = '口径说明 Measures';
  sheet.getCell(noteRow, 1).font = { bold: true };
  sheet.mergeCells(noteRow, 1, noteRow, width);
  noteRow++;
  const notes = [
    report.ranking,
    report.measures.asOf,
    report.measures.today,
    ...Object.entries(report.measures)
      .filter(([key]) => key !== 'asOf' && key !== 'today')
      .map(([, message]) => message),
    { zh: '红底：落后计划的村', en: 'Red background: villages behind plan' },
  ];
  for (const note of notes) {
    const cell = sheet.getCell(noteRow, 1);
    cell.value = `${note.zh} / ${note.en}`;
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(noteRow).height = 30;
    sheet.mergeCells(noteRow, 1, noteRow, width);
    noteRow++;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
