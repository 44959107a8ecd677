/** The 公示 table as an XLSX workbook: the board's rows and totals, and the rate tables they were computed with. */
import { findCoded, LAND_CLASSES, SIGNING_STATUSES, STRUCTURES } from '../domain/statuses.ts';
import { AREA_DECIMALS, roundTo } from '../domain/units.ts';
import type { PublicityBoard } from '../routes/publicity-board.ts';
import type { ColumnValue } from './parcel-columns.ts';
import { toXlsx } from './xlsx.ts';

export const PUBLICITY_COLUMNS = [
  '序号 No.',
  '户主 Household',
  '宗地编码 Parcel code',
  '土地面积（亩） Land (mu)',
  '建筑面积（㎡） Floor area (m²)',
  '补偿金额（元） Compensation (yuan)',
  '签约状态 Signing',
  '干部户 Cadre household',
] as const;

export async function publicityXlsx(board: PublicityBoard): Promise<Uint8Array> {
  const { totals } = board;
  const rows: ColumnValue[][] = [
    [
      `${board.park.name} ${board.village.name} 征收补偿分户公示 · ${board.village.nameEn} compensation per household`,
    ],
    [
      '数据截至 As of',
      board.asOf,
      '土地面积口径 Land area',
      `${board.landAreaMeasure.zh} / ${board.landAreaMeasure.en}`,
    ],
    [...PUBLICITY_COLUMNS],
    ...board.households.map((row, index): ColumnValue[] => [
      index + 1,
      row.holder,
      row.parcelCode,
      row.landAreaMu,
      row.buildingAreaSquareMetres,
      row.compensationYuan,
      findCoded(SIGNING_STATUSES, row.signing)?.zh ?? row.signing,
      row.cadre ? '是' : '',
    ]),
    [
      '合计 Total',
      `${totals.households} 户`,
      '',
      roundTo(totals.landAreaMu, AREA_DECIMALS.mu),
      roundTo(totals.buildingAreaSquareMetres, AREA_DECIMALS.squareMetres),
      totals.compensationYuan,
      `已签约 ${totals.signedHouseholds} 户`,
      `${totals.cadreSignedHouseholds}/${totals.cadreHouseholds}`,
    ],
  ];
  const rateRows: ColumnValue[][] = [
    ['版本 Version', '项目 Item', '标准 Rate', '单位 Unit', '生效日期 Effective'],
  ];
  for (const table of board.rateTables) {
    const add = (item: string, rate: number, unit: string) =>
      rateRows.push([table.version, item, rate, unit, table.effectiveDate]);
    rateRows.push([table.version, table.title, null, null, table.effectiveDate]);
    for (const landClass of LAND_CLASSES)
      add(`土地 ${landClass.zh} ${landClass.en}`, table.land[landClass.code], '元/亩');
    for (const structure of STRUCTURES) {
      add(`房屋 ${structure.zh} ${structure.en}`, table.building[structure.code], '元/㎡');
    }
    add('搬迁补助 Relocation', table.relocationPerHousehold, '元/户');
    add(
      `签约奖励（${table.earlySigning.deadline} 前） Early signing`,
      table.earlySigning.bonusPerHousehold,
      '元/户',
    );
  }
  return toXlsx([
    { name: '公示 publicity', rows, boldRows: [0, 2, rows.length - 1] },
    { name: '补偿标准 rates', rows: rateRows, boldRows: [0] },
  ]);
}
