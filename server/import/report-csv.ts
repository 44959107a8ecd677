/**
 * The validation report as files people read: a CSV for Excel (UTF-8 with BOM, RFC 4180 quoting; findings, a blank
 * line, then the totals per village) and a plain-text table for the CLI. Both read the same `ValidationReport`.
 */
import { AREA_DECIMALS } from '../domain/units.ts';
import type { FindingSeverity, RedeliveryDiff, ValidationReport, VillageTotals } from './validate.ts';

const BYTE_ORDER_MARK = '\uFEFF';

type Cell = string | number | boolean | null | undefined;

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',');
}

const SEVERITY_LABELS: Readonly<Record<FindingSeverity, { zh: string; en: string }>> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

const FINDING_HEADER = [
  '严重程度/severity',
  '类型/kind',
  '记录/record',
  '宗地编码/code',
  '字段/field',
  '说明/message (zh)',
  'message (en)',
  '已修复/repaired',
  '重叠面积㎡/overlap ㎡',
];

const TOTALS_HEADER = [
  '村/village',
  '村名/name',
  '户数/households',
  '登记面积㎡/survey ㎡',
  '登记面积亩/survey mu',
  '椭球面积㎡/ellipsoid ㎡',
  '椭球面积亩/ellipsoid mu',
  '平面面积㎡/plane ㎡',
  '平面面积亩/plane mu',
  '建筑面积㎡/building ㎡',
  '无图形/no geometry',
  '无登记面积/no survey area',
];

const squareMetres = (value: number): string =>
  Number.isNaN(value) ? '?' : value.toFixed(AREA_DECIMALS.squareMetres);
const mu = (value: number): string => value.toFixed(AREA_DECIMALS.mu);

function totalsCells(totals: VillageTotals): Cell[] {
  return [
    totals.village,
    totals.name,
    totals.households,
    squareMetres(totals.surveyArea.squareMetres),
    mu(totals.surveyArea.mu),
    squareMetres(totals.ellipsoidArea.squareMetres),
    mu(totals.ellipsoidArea.mu),
    squareMetres(totals.planeArea.squareMetres),
    mu(totals.planeArea.mu),
    squareMetres(totals.buildingAreaSquareMetres),
    totals.withoutGeometry,
    totals.withoutSurveyArea,
  ];
}

export function validationReportCsv(report: ValidationReport): string {
  const lines = [csvRow(FINDING_HEADER)];
  for (const finding of report.findings) {
    lines.push(
      csvRow([
        `${SEVERITY_LABELS[finding.severity].zh}/${finding.severity}`,
        finding.reason ? `${finding.kind}:${finding.reason}` : finding.kind,
        finding.recordIndex === null ? null : finding.recordIndex + 1,
        finding.code,
        finding.field,
        finding.zh,
        finding.en,
        finding.repaired === undefined ? null : finding.repaired ? '是/yes' : '否/no',
        finding.overlapSquareMetres === undefined ? null : squareMetres(finding.overlapSquareMetres),
      ]),
    );
  }
  lines.push('');
  lines.push(csvRow([`口径/measure: 平面面积为 CGCS2000 高斯-克吕格 EPSG:${report.zone.epsg}`]));
  lines.push(csvRow(TOTALS_HEADER));
  for (const village of report.villages) lines.push(csvRow(totalsCells(village)));
  lines.push(csvRow(totalsCells(report.total)));
  // What a commit would do to the store, as the printed report says it.
  lines.push(
    '',
    csvRow([
      `${TEXT.zh.diff}: ${TEXT.zh.diffLine(report.diff)}`,
      `${TEXT.en.diff}: ${TEXT.en.diffLine(report.diff)}`,
    ]),
  );
  return `${BYTE_ORDER_MARK}${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Text for the CLI

export type ReportLanguage = 'zh' | 'en';

/** Display width: CJK and full-width characters take two terminal columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0;
    width += point >= 0x1100 && (point <= 0x115f || (point >= 0x2e80 && point <= 0xffdc)) ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, alignRight: boolean): string {
  const padding = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? `${padding}${text}` : `${text}${padding}`;
}

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: Set<number>,
): string {
  const widths = header.map((title, column) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0, rightAligned.has(column)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const TEXT = {
  zh: {
    title: '导入校验报告',
    mode: { update: '更新导入', replace: '替换导入' },
    records: '记录',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    repaired: '已修复几何',
    canCommit: '可以提交',
    cannotCommit: '存在错误，不能提交',
    findings: '问题清单',
    none: '无',
    totals: '各村合计',
    measure: (epsg: number) => `平面面积：CGCS2000 高斯-克吕格 EPSG:${epsg}；椭球面积：GeographicLib`,
    diff: '与现有数据比较',
    diffLine: (diff: RedeliveryDiff) =>
      `新增 ${diff.added.length}，变更 ${diff.changed.length}，不变 ${diff.unchanged}，本次没有 ${diff.removed.length}` +
      (diff.removeMissing ? '（将删除）' : '（保留，除非 --remove-missing）') +
      (diff.otherVillages > 0 ? `；其他村 ${diff.otherVillages} 户不在本次成果中，保留` : ''),
    header: ['村', '村名', '户数', '登记㎡', '登记亩', '椭球㎡', '椭球亩', '平面㎡', '平面亩', '建筑㎡'],
  },
  en: {
    title: 'Import validation report',
    mode: { update: 'update', replace: 'replace' },
    records: 'records',
    errors: 'errors',
    warnings: 'warnings',
    infos: 'info',
    repaired: 'geometries repaired',
    canCommit: 'can be committed',
    cannotCommit: 'has errors: cannot be committed',
    findings: 'Findings',
    none: 'none',
    totals: 'Totals per village',
    measure: (epsg: number) =>
      `Plane area: CGCS2000 Gauss-Krüger EPSG:${epsg}; ellipsoidal area: GeographicLib`,
    diff: 'Compared with the store',
    diffLine: (diff: RedeliveryDiff) =>
      `added ${diff.added.length}, changed ${diff.changed.length}, unchanged ${diff.unchanged}, not in this delivery ${diff.removed.length}` +
      (diff.removeMissing ? ' (to be deleted)' : ' (kept unless --remove-missing)') +
      (diff.otherVillages > 0
        ? `; ${diff.otherVillages} of other villages, outside this delivery, kept`
        : ''),
    header: [
      'village',
      'name',
      'households',
      'survey ㎡',
      'survey mu',
      'ellipsoid ㎡',
      'ellipsoid mu',
      'plane ㎡',
      'plane mu',
      'building ㎡',
    ],
  },
} as const;

export function formatReportText(report: ValidationReport, language: ReportLanguage): string {
  const text = TEXT[language];
  const { counts } = report;
  const lines = [
    `${text.title} (${text.mode[report.mode]})`,
    `${text.records} ${counts.records} · ${text.errors} ${counts.errors} · ${text.warnings} ${counts.warnings} · ` +
      `${text.infos} ${counts.infos} · ${text.repaired} ${counts.repaired} · ` +
      (report.canCommit ? text.canCommit : text.cannotCommit),
    '',
    `${text.findings}:`,
  ];
  if (report.findings.length === 0) lines.push(`  ${text.none}`);
  for (const finding of report.findings) {
    lines.push(`  [${SEVERITY_LABELS[finding.severity][language]}] ${finding[language]}`);
  }
  lines.push('', `${text.totals} (${text.measure(report.zone.epsg)}):`);
  const rows = [...report.villages, report.total].map((totals) => [
    totals.village,
    totals.name,
    String(totals.households),
    squareMetres(totals.surveyArea.squareMetres),
    mu(totals.surveyArea.mu),
    squareMetres(totals.ellipsoidArea.squareMetres),
    mu(totals.ellipsoidArea.mu),
    squareMetres(totals.planeArea.squareMetres),
    mu(totals.planeArea.mu),
    squareMetres(totals.buildingAreaSquareMetres),
  ]);
  lines.push(table(text.header, rows, new Set([2, 3, 4, 5, 6, 7, 8, 9])));
  const { diff } = report;
  lines.push('', `${text.diff}: ${text.diffLine(diff)}`);
  return `${lines.join('\n')}\n`;
}
