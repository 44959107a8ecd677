/**
 * The DBF field of each parcel export column (`server/export/parcel-columns.ts` and the compensation columns): a
 * Chinese name as a surveyor's ArcGIS/CASS files carry (宗地编码, 户主, 地类, 平面面积 …) and an ASCII snake_case
 * name, both at most 10 bytes, plus the decimals of each number (㎡ and 元 to 2, 亩 to 4: DESIGN.md, "Areas").
 *
 * Chinese names are at most 5 characters: 10 bytes in GBK. In UTF-8 a Han character takes 3 bytes, so only 3 would
 * fit, too few to tell 平面面积 from 平面亩数; a UTF-8 export therefore always uses the English names (the QGIS users
 * who ask for UTF-8 read them fine), and Chinese names come with GBK, the encoding Chinese surveyors' tools write.
 */
import type { ParcelColumn } from '../parcel-columns.ts';
import type { DbfField } from './dbf.ts';
import type { ShapefileEncoding } from './text-codec.ts';

export type FieldNameStyle = 'chinese' | 'english';
export const FIELD_NAME_STYLES: readonly FieldNameStyle[] = ['chinese', 'english'];

interface ShapefileColumn {
  chinese: string;
  english: string;
  /** Digits after the point of a real column. */
  decimals?: number;
}

const SQUARE_METRES = 2;
const MU = 4;

export const SHAPEFILE_COLUMNS: Readonly<Record<string, ShapefileColumn>> = {
  id: { chinese: '序号', english: 'id' },
  code: { chinese: '宗地编码', english: 'code' },
  holder: { chinese: '户主', english: 'holder' },
  idNumber: { chinese: '身份证号', english: 'id_number' },
  phone: { chinese: '联系电话', english: 'phone' },
  village: { chinese: '村代码', english: 'vill_code' },
  villageName: { chinese: '村名', english: 'village' },
  group: { chinese: '村民小组', english: 'group' },
  landClass: { chinese: '地类代码', english: 'land_code' },
  landClassName: { chinese: '地类', english: 'land_class' },
  buildingArea_m2: { chinese: '建筑面积', english: 'bldg_m2', decimals: SQUARE_METRES },
  structure: { chinese: '结构', english: 'structure' },
  cadre: { chinese: '干部户', english: 'cadre' },
  signing: { chinese: '签约代码', english: 'sign_code' },
  signingName: { chinese: '签约状态', english: 'signing' },
  clearance: { chinese: '拆除代码', english: 'clr_code' },
  clearanceName: { chinese: '拆除状态', english: 'clearance' },
  surveyArea_m2: { chinese: '登记面积', english: 'survey_m2', decimals: SQUARE_METRES },
  surveyArea_mu: { chinese: '登记亩数', english: 'survey_mu', decimals: MU },
  ellipsoidArea_m2: { chinese: '椭球面积', english: 'ellip_m2', decimals: SQUARE_METRES },
  ellipsoidArea_mu: { chinese: '椭球亩数', english: 'ellip_mu', decimals: MU },
  planeArea_m2: { chinese: '平面面积', english: 'plane_m2', decimals: SQUARE_METRES },
  planeArea_mu: { chinese: '平面亩数', english: 'plane_mu', decimals: MU },
  planeAreaCrs: { chinese: '平面坐标系', english: 'plane_crs' },
  updatedAt: { chinese: '变更时间', english: 'updated_at' },
  asOf: { chinese: '数据截至', english: 'as_of' },
  compensation_yuan: { chinese: '补偿金额', english: 'comp_yuan', decimals: SQUARE_METRES },
  compensationSource: { chinese: '金额来源', english: 'comp_src' },
  rateVersion: { chinese: '标准版本', english: 'rate_ver' },
  signedAt: { chinese: '签约时间', english: 'signed_at' },
};

/** Chinese names only in GBK (see above); an explicit `english` is always honoured. */
export function fieldNameStyleFor(requested: FieldNameStyle, encoding: ShapefileEncoding): FieldNameStyle {
  return requested === 'chinese' && encoding === 'gbk' ? 'chinese' : 'english';
}

/** Widths of N fields: 10 digits hold any id or version; reals leave room for 10^12 ㎡ or 元 with their decimals. */
const INTEGER_WIDTH = 10;
const REAL_WIDTH = 18;
const UNKNOWN_REAL_DECIMALS = 6;

/**
 * A column added to the export list without an entry above still gets a field: its name cut to 10 ASCII bytes
 * (made unique with a number), so a new column never breaks the Shapefile export. The unit test asks for an entry.
 */
function fallbackName(column: ParcelColumn, taken: ReadonlySet<string>): string {
  const base = column.name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 10) || 'field';
  let name = base;
  for (let suffix = 1; taken.has(name.toUpperCase()); suffix++) {
    name = `${base.slice(0, 10 - String(suffix).length)}${suffix}`;
  }
  return name;
}

/** The DBF fields of `columns`, in their order, with the names of `style`. */
export function shapefileFieldsFor(columns: readonly ParcelColumn[], style: FieldNameStyle): DbfField[] {
  const taken = new Set<string>();
  return columns.map((column) => {
    const known = SHAPEFILE_COLUMNS[column.name];
    const name = known ? known[style] : fallbackName(column, taken);
    taken.add(name.toUpperCase());
    if (column.type === 'text') return { name, type: 'C' };
    if (column.type === 'boolean') return { name, type: 'L' };
    if (column.type === 'integer') return { name, type: 'N', length: INTEGER_WIDTH, decimals: 0 };
    return { name, type: 'N', length: REAL_WIDTH, decimals: known?.decimals ?? UNKNOWN_REAL_DECIMALS };
  });
}
