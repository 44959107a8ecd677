/**
 * The public 公示 board: what anyone may read about a village's households without signing in. Built field by
 * field from an explicit allow-list, never by copying a record, so nothing personal (ID number, phone) or internal
 * can leak through a new column on the parcel. Cadre households (干部户) lead the list and are always named in full:
 * they are expected to sign first, in public.
 */
import { amountInForce, type Household, type LedgerContext } from './compensation-ledger.ts';
import type { RateTable, RateTableContent } from './rates.ts';
import type { SigningStatus } from './statuses.ts';
import { AREA_DECIMALS, roundTo, squareMetresToMu } from './units.ts';

/** How holder names appear for non-cadre households: the programme's policy, a setting of the command centre. */
export const HOLDER_NAME_POLICIES = ['masked', 'full'] as const;
export type HolderNamePolicy = (typeof HOLDER_NAME_POLICIES)[number];

export function isHolderNamePolicy(value: unknown): value is HolderNamePolicy {
  return typeof value === 'string' && (HOLDER_NAME_POLICIES as readonly string[]).includes(value);
}

/** `张三明` → `张*明`, `张三` → `张*`, `欧阳小明` → `欧**明`: first and last character kept, as on paper boards. */
export function maskHolderName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return characters.join('');
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters[characters.length - 1]}`;
}

/** The allow-list of a household row, in column order. */
export const PUBLICITY_ROW_FIELDS = [
  'holder',
  'parcelCode',
  'landAreaMu',
  'buildingAreaSquareMetres',
  'compensationYuan',
  'signing',
  'cadre',
] as const;

export interface PublicityRow {
  holder: string;
  parcelCode: string;
  /** Plane area in 亩, 4 decimals. */
  landAreaMu: number;
  /** Floor area in ㎡, 2 decimals; 0 without a building. */
  buildingAreaSquareMetres: number;
  /** The amount in force (agreed, or the table's) in 元; null before any rate table is published. */
  compensationYuan: number | null;
  signing: SigningStatus;
  cadre: boolean;
}

export interface PublicityTotals {
  households: number;
  landAreaMu: number;
  buildingAreaSquareMetres: number;
  compensationYuan: number;
  /** Signed or ruled, as the statistics count them. */
  signedHouseholds: number;
  cadreHouseholds: number;
  /** Cadre households that signed (a ruling does not count as leading). */
  cadreSignedHouseholds: number;
}

/** The public part of a rate table: the rates and their dates, not who typed them in. */
export type PublicRateTable = Pick<RateTable, 'version'> & Omit<RateTableContent, 'note'>;

export function publicRateTable(table: RateTable): PublicRateTable {
  return {
    version: table.version,
    title: table.title,
    effectiveDate: table.effectiveDate,
    land: { ...table.land },
    building: { ...table.building },
    relocationPerHousehold: table.relocationPerHousehold,
    earlySigning: { ...table.earlySigning },
  };
}

export function publicityRow(
  household: Household,
  context: LedgerContext,
  policy: HolderNamePolicy,
): PublicityRow {
  const { parcel } = household;
  const amount = amountInForce(household, context);
  return {
    holder: parcel.cadre || policy === 'full' ? parcel.holder : maskHolderName(parcel.holder),
    parcelCode: parcel.code,
    landAreaMu: roundTo(squareMetresToMu(parcel.planeArea), AREA_DECIMALS.mu),
    buildingAreaSquareMetres: roundTo(parcel.buildingArea ?? 0, AREA_DECIMALS.squareMetres),
    compensationYuan: amount.fen === null ? null : amount.fen / 100,
    signing: parcel.signing,
    cadre: parcel.cadre,
  };
}

/**
 * The rows of one village, cadre households first, then by parcel code (codes run by village group), and their
 * totals. Area totals are summed in full precision like the statistics, so they equal `/api/stats` for the village.
 */
export function publicityRows(
  households: readonly Household[],
  context: LedgerContext,
  policy: HolderNamePolicy,
): { rows: PublicityRow[]; totals: PublicityTotals } {
  const ordered = [...households].sort(
    (a, b) => Number(b.parcel.cadre) - Number(a.parcel.cadre) || a.parcel.code.localeCompare(b.parcel.code),
  );
  let landSquareMetres = 0;
  let buildingSquareMetres = 0;
  let compensationFen = 0;
  const totals: PublicityTotals = {
    households: 0,
    landAreaMu: 0,
    buildingAreaSquareMetres: 0,
    compensationYuan: 0,
    signedHouseholds: 0,
    cadreHouseholds: 0,
    cadreSignedHouseholds: 0,
  };
  const rows = ordered.map((household) => {
    const { parcel } = household;
    const row = publicityRow(household, context, policy);
    totals.households += 1;
    landSquareMetres += parcel.planeArea;
    buildingSquareMetres += parcel.buildingArea ?? 0;
    compensationFen += Math.round((row.compensationYuan ?? 0) * 100);
    if (parcel.signing === 'signed' || parcel.signing === 'ruled') totals.signedHouseholds += 1;
    if (parcel.cadre) totals.cadreHouseholds += 1;
    if (parcel.cadre && parcel.signing === 'signed') totals.cadreSignedHouseholds += 1;
    return row;
  });
  totals.landAreaMu = squareMetresToMu(landSquareMetres);
  totals.buildingAreaSquareMetres = buildingSquareMetres;
  totals.compensationYuan = compensationFen / 100;
  return { rows, totals };
}
