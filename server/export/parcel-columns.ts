/**
 * The columns of every parcel export (CSV, XLSX, GeoJSON properties, GeoPackage attributes), defined once. Area
 * columns say their 口径 in their names: `ellipsoidArea_*` (GeographicLib, WGS84/CGCS2000 ellipsoid), `planeArea_*`
 * (CGCS2000 Gauss-Krüger, zone in `planeAreaCrs`), `surveyArea_*` (as registered by the surveyor).
 */
import type { GaussKrugerZone } from '../domain/areas.ts';
import { maskIdNumber, maskPhone } from '../domain/personal-data.ts';
import {
  CLEARANCE_STATUSES,
  findCoded,
  LAND_CLASSES,
  SIGNING_STATUSES,
  STRUCTURES,
} from '../domain/statuses.ts';
import { AREA_DECIMALS, roundTo, squareMetresToMu } from '../domain/units.ts';
import type { ParcelRecord, VillageRecord } from '../store/parcel-store.ts';
import { COMPENSATION_COLUMNS, type ExportCompensation } from './compensation-columns.ts';

export type ColumnValue = string | number | boolean | null;

export interface ParcelColumn {
  /** Field name in GeoJSON/GeoPackage and the CSV header. */
  name: string;
  zh: string;
  en: string;
  type: 'text' | 'integer' | 'real' | 'boolean';
  value: (record: ParcelRecord, context: ExportContext) => ColumnValue;
}

export interface ExportContext {
  villagesByCode: ReadonlyMap<string, VillageRecord>;
  zone: GaussKrugerZone;
  asOf: string;
  /** Household amounts, present only when the exporting role may see them (then the compensation columns follow). */
  compensation?: ReadonlyMap<number, ExportCompensation>;
}

const squareMetres = (value: number | null) =>
  value === null ? null : roundTo(value, AREA_DECIMALS.squareMetres);
const mu = (value: number | null) =>
  value === null ? null : roundTo(squareMetresToMu(value), AREA_DECIMALS.mu);

export const PARCEL_COLUMNS: readonly ParcelColumn[] = [
  { name: 'id', zh: '序号', en: 'ID', type: 'integer', value: (record) => record.summary.id },
  { name: 'code', zh: '宗地编码', en: 'Parcel code', type: 'text', value: (record) => record.summary.code },
  {
    name: 'holder',
    zh: '户主',
    en: 'Household head',
    type: 'text',
    value: (record) => record.summary.holder,
  },
  {
    name: 'idNumber',
    zh: '身份证号（脱敏）',
    en: 'ID number (masked)',
    type: 'text',
    value: (record) => maskIdNumber(record.idNumber),
  },
  {
    name: 'phone',
    zh: '电话（脱敏）',
    en: 'Phone (masked)',
    type: 'text',
    value: (record) => maskPhone(record.phone),
  },
  {
    name: 'village',
    zh: '村代码',
    en: 'Village code',
    type: 'text',
    value: (record) => record.summary.village,
  },
  {
    name: 'villageName',
    zh: '村',
    en: 'Village',
    type: 'text',
    value: (record, context) => context.villagesByCode.get(record.summary.village)?.name ?? null,
  },
  { name: 'group', zh: '组', en: 'Group', type: 'text', value: (record) => record.summary.group },
  {
    name: 'landClass',
    zh: '地类代码',
    en: 'Land class code',
    type: 'text',
    value: (record) => record.summary.landClass,
  },
  {
    name: 'landClassName',
    zh: '地类',
    en: 'Land class',
    type: 'text',
    value: (record) => findCoded(LAND_CLASSES, record.summary.landClass)?.zh ?? null,
  },
  {
    name: 'buildingArea_m2',
    zh: '建筑面积（㎡）',
    en: 'Building floor area (m²)',
    type: 'real',
    value: (record) => squareMetres(record.summary.buildingArea),
  },
  {
    name: 'structure',
    zh: '结构',
    en: 'Structure',
    type: 'text',
    value: (record) =>
      record.summary.structure === null
        ? null
        : (findCoded(STRUCTURES, record.summary.structure)?.zh ?? null),
  },
  {
    name: 'cadre',
    zh: '干部户',
    en: 'Cadre household',
    type: 'boolean',
    value: (record) => record.summary.cadre,
  },
  {
    name: 'signing',
    zh: '签约状态代码',
    en: 'Signing status code',
    type: 'text',
    value: (record) => record.summary.signing,
  },
  {
    name: 'signingName',
    zh: '签约状态',
    en: 'Signing status',
    type: 'text',
    value: (record) => findCoded(SIGNING_STATUSES, record.summary.signing)?.zh ?? null,
  },
  {
    name: 'clearance',
    zh: '拆除状态代码',
    en: 'Clearance status code',
    type: 'text',
    value: (record) => record.summary.clearance,
  },
  {
    name: 'clearanceName',
    zh: '拆除状态',
    en: 'Clearance status',
    type: 'text',
    value: (record) => findCoded(CLEARANCE_STATUSES, record.summary.clearance)?.zh ?? null,
  },
  {
    name: 'surveyArea_m2',
    zh: '登记面积（㎡）',
    en: 'Survey area (m²)',
    type: 'real',
    value: (record) => squareMetres(record.summary.surveyArea),
  },
  {
    name: 'surveyArea_mu',
    zh: '登记面积（亩）',
    en: 'Survey area (mu)',
    type: 'real',
    value: (record) => mu(record.summary.surveyArea),
  },
  {
    name: 'ellipsoidArea_m2',
    zh: '椭球面积（㎡）',
    en: 'Ellipsoidal area (m²)',
    type: 'real',
    value: (record) => squareMetres(record.summary.ellipsoidArea),
  },
  {
    name: 'ellipsoidArea_mu',
    zh: '椭球面积（亩）',
    en: 'Ellipsoidal area (mu)',
    type: 'real',
    value: (record) => mu(record.summary.ellipsoidArea),
  },
  {
    name: 'planeArea_m2',
    zh: '平面面积（㎡）',
    en: 'Plane area (m²)',
    type: 'real',
    value: (record) => squareMetres(record.summary.planeArea),
  },
  {
    name: 'planeArea_mu',
    zh: '平面面积（亩）',
    en: 'Plane area (mu)',
    type: 'real',
    value: (record) => mu(record.summary.planeArea),
  },
  {
    name: 'planeAreaCrs',
    zh: '平面面积坐标系',
    en: 'Plane area CRS',
    type: 'text',
    value: (_record, context) => `EPSG:${context.zone.epsg}`,
  },
  {
    name: 'updatedAt',
    zh: '最后变更时间',
    en: 'Last change',
    type: 'text',
    value: (record) => record.summary.updatedAt,
  },
  { name: 'asOf', zh: '数据截至', en: 'Data as of', type: 'text', value: (_record, context) => context.asOf },
];

/** The columns of an export: the parcel columns, and the compensation columns when the context carries amounts. */
export function columnsFor(context: ExportContext): readonly ParcelColumn[] {
  return context.compensation ? [...PARCEL_COLUMNS, ...COMPENSATION_COLUMNS] : PARCEL_COLUMNS;
}

export function parcelRow(record: ParcelRecord, context: ExportContext): Record<string, ColumnValue> {
  const row: Record<string, ColumnValue> = {};
  for (const column of columnsFor(context)) row[column.name] = column.value(record, context);
  return row;
}
