/**
 * The statistics table as rows of cells, for the CSV and XLSX statistics exports and the statistics sheet of the
 * parcel XLSX: one layout, with the 口径 and as-of lines under the table.
 */
import type { StatisticsRow, StatisticsTable } from '../domain/statistics.ts';
import { AREA_DECIMALS, roundTo } from '../domain/units.ts';
import type { ColumnValue } from './parcel-columns.ts';

export const STATISTICS_HEADER = [
  '分组 Group',
  '名称 Name',
  '户数 Households',
  '平面面积(亩) Plane area (mu)',
  '平面面积(㎡) Plane area (m²)',
  '椭球面积(亩) Ellipsoidal area (mu)',
  '椭球面积(㎡) Ellipsoidal area (m²)',
  '登记面积(亩) Survey area (mu)',
  '建筑面积(㎡) Building floor area (m²)',
  '已签约户数 Signed households',
  '签约率(%) Signed (%)',
  '已拆除户数 Cleared households',
  '拆除率(%) Cleared (%)',
  '已交地户数 Handed-over households',
  '交地率(%) Handed over (%)',
];

function cells(row: StatisticsRow, name: string): ColumnValue[] {
  return [
    row.key,
    name,
    row.households,
    roundTo(row.landArea.plane.mu, AREA_DECIMALS.mu),
    roundTo(row.landArea.plane.squareMetres, AREA_DECIMALS.squareMetres),
    roundTo(row.landArea.ellipsoid.mu, AREA_DECIMALS.mu),
    roundTo(row.landArea.ellipsoid.squareMetres, AREA_DECIMALS.squareMetres),
    roundTo(row.landArea.survey.mu, AREA_DECIMALS.mu),
    roundTo(row.buildingAreaSquareMetres, AREA_DECIMALS.squareMetres),
    row.signedHouseholds,
    roundTo(row.signedShare * 100, 2),
    row.clearedHouseholds,
    roundTo(row.clearedShare * 100, 2),
    row.handedOverHouseholds,
    roundTo(row.handedOverShare * 100, 2),
  ];
}

export function statisticsRows(
  table: StatisticsTable,
  nameOf: (key: string) => string,
  filterDescription: string,
): ColumnValue[][] {
  const rows: ColumnValue[][] = [STATISTICS_HEADER];
  for (const row of table.rows) rows.push(cells(row, nameOf(row.key)));
  rows.push(cells(table.total, '合计 Total'));
  rows.push([]);
  rows.push(['口径 Measures']);
  for (const measure of Object.values(table.measures)) rows.push([measure.zh, measure.en]);
  rows.push(['筛选条件 Filter', filterDescription]);
  rows.push(['数据截至 Data as of', table.asOf]);
  return rows;
}
