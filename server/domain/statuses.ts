/**
 * The one table of statuses, land classes and structures. The map fill, the legend, the charts, the exports and
 * `/api/meta` all read it from here, so a colour or a label is never typed twice.
 */

export interface Coded<Code extends string> {
  code: Code;
  /** Label in Chinese, the interface's default language. */
  zh: string;
  /** Label in English. */
  en: string;
}

export interface StatusDefinition<Code extends string> extends Coded<Code> {
  /** `#rrggbb`; the web derives RGBA from this same string (see `hexToRgba`). */
  color: string;
  /** Position along the axis: a move to a lower order is a correction. */
  order: number;
}

export const SIGNING_STATUSES = [
  { code: 'unsurveyed', zh: '未调查', en: 'Not surveyed', color: '#a7b0ba', order: 0 },
  { code: 'surveyed', zh: '已调查', en: 'Surveyed', color: '#6baed6', order: 1 },
  { code: 'appraised', zh: '已评估', en: 'Appraised', color: '#f2b701', order: 2 },
  { code: 'signed', zh: '已签约', en: 'Signed', color: '#1b9e55', order: 3 },
  { code: 'ruled', zh: '已裁决', en: 'Ruled', color: '#7b4fa0', order: 3 },
] as const satisfies readonly StatusDefinition<string>[];

export const CLEARANCE_STATUSES = [
  { code: 'occupied', zh: '未腾空', en: 'Occupied', color: '#a7b0ba', order: 0 },
  { code: 'vacated', zh: '已腾空', en: 'Vacated', color: '#f4a259', order: 1 },
  { code: 'demolished', zh: '已拆除', en: 'Demolished', color: '#d1495b', order: 2 },
  { code: 'handedOver', zh: '已交地', en: 'Handed over', color: '#2a7f62', order: 3 },
] as const satisfies readonly StatusDefinition<string>[];

export type SigningStatus = (typeof SIGNING_STATUSES)[number]['code'];
export type ClearanceStatus = (typeof CLEARANCE_STATUSES)[number]['code'];

/** The two independent status axes of a parcel (DESIGN.md, "Status model"). */
export const AXES = [
  { code: 'signing', zh: '签约', en: 'Signing' },
  { code: 'clearance', zh: '拆除', en: 'Clearance' },
] as const satisfies readonly Coded<string>[];

export type Axis = (typeof AXES)[number]['code'];

export interface StatusByAxis {
  signing: SigningStatus;
  clearance: ClearanceStatus;
}

export const STATUSES_BY_AXIS: {
  signing: readonly StatusDefinition<SigningStatus>[];
  clearance: readonly StatusDefinition<ClearanceStatus>[];
} = { signing: SIGNING_STATUSES, clearance: CLEARANCE_STATUSES };

export const LAND_CLASSES = [
  { code: 'homestead', zh: '宅基地', en: 'Homestead' },
  { code: 'farmland', zh: '耕地', en: 'Farmland' },
  { code: 'forest', zh: '林地', en: 'Forest' },
  { code: 'orchard', zh: '园地', en: 'Orchard' },
  { code: 'collective', zh: '集体建设用地', en: 'Collective construction land' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly Coded<string>[];

export type LandClass = (typeof LAND_CLASSES)[number]['code'];

export const STRUCTURES = [
  { code: 'frame', zh: '框架', en: 'Frame' },
  { code: 'brickConcrete', zh: '砖混', en: 'Brick-concrete' },
  { code: 'brickWood', zh: '砖木', en: 'Brick-wood' },
  { code: 'simple', zh: '简易', en: 'Simple' },
] as const satisfies readonly Coded<string>[];

export type Structure = (typeof STRUCTURES)[number]['code'];

/** Signing statuses that allow clearance to move past `occupied` (DESIGN.md: signed, or ruled by law). */
export const SIGNING_DONE: readonly SigningStatus[] = ['signed', 'ruled'];

/** Clearance statuses counted as "cleared" (拆除率 口径: demolished or handed over). */
export const CLEARANCE_DONE: readonly ClearanceStatus[] = ['demolished', 'handedOver'];

export function findCoded<Code extends string>(
  table: readonly Coded<Code>[],
  code: string,
): Coded<Code> | undefined {
  return table.find((entry) => entry.code === code);
}

export function statusDefinition(axis: Axis, code: string): StatusDefinition<string> | undefined {
  return (STATUSES_BY_AXIS[axis] as readonly StatusDefinition<string>[]).find((entry) => entry.code === code);
}

export function isSigningStatus(value: string): value is SigningStatus {
  return SIGNING_STATUSES.some((status) => status.code === value);
}

export function isClearanceStatus(value: string): value is ClearanceStatus {
  return CLEARANCE_STATUSES.some((status) => status.code === value);
}

export function isLandClass(value: string): value is LandClass {
  return LAND_CLASSES.some((landClass) => landClass.code === value);
}

export function isStructure(value: string): value is Structure {
  return STRUCTURES.some((structure) => structure.code === value);
}

/** `#rrggbb` → `[r, g, b, alpha]` (0–255), for deck.gl accessors. The hex string above stays the only source. */
export function hexToRgba(hex: string, alpha = 255): [number, number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [
    Number.parseInt(match[1] as string, 16),
    Number.parseInt(match[2] as string, 16),
    Number.parseInt(match[3] as string, 16),
    alpha,
  ];
}
