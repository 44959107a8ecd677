/**
 * Households and their money, over the one compensation function: which table a household gets, the amount in force
 * (what was agreed, or what the table gives), the budget and its what-if, and the fairness check. Pure: the store
 * hands in the parcels, their signing records, recorded agreements and building exclusions.
 */
import {
  type Compensation,
  type CompensationFacts,
  computeCompensation,
  rateDateFor,
} from './compensation.ts';
import type { ParcelSummary } from './parcel.ts';
import { type RateTable, rateTableInEffect } from './rates.ts';

export type SigningOutcome = 'signed' | 'ruled';

/** The latest event that moved a parcel's signing to signed or ruled. */
export interface SigningRecord {
  eventId: number;
  at: string;
  status: SigningOutcome;
}

/**
 * The amount recorded when a household signed (or was ruled): written in the same transaction as the signing
 * event, never updated. `source` is `signing` for a live signing and `sample` for the sample's history.
 */
export interface Agreement {
  parcelId: number;
  eventId: number;
  status: SigningOutcome;
  signedAt: string;
  /** null when no rate table was in effect on the signing day. */
  rateVersion: number | null;
  agreedFen: number | null;
  source: 'signing' | 'sample';
  recordedAt: string;
}

/** Floor area that is never compensated (㎡); zero unless the 拆违控违 survey recorded some. */
export interface BuildingExclusions {
  illegalBuildingArea: number;
  rushBuiltArea: number;
}

export const NO_EXCLUSIONS: BuildingExclusions = { illegalBuildingArea: 0, rushBuiltArea: 0 };

export interface Household {
  parcel: ParcelSummary;
  exclusions: BuildingExclusions;
  signing: SigningRecord | null;
  agreement: Agreement | null;
}

export interface LedgerContext {
  tables: readonly RateTable[];
  /** `YYYY-MM-DD`, China Standard Time: the day whose table unsigned households are shown. */
  today: string;
  announcementDate: string;
}

function isDone(parcel: ParcelSummary): boolean {
  return parcel.signing === 'signed' || parcel.signing === 'ruled';
}

export function factsOf(household: Household): CompensationFacts {
  const { parcel } = household;
  return {
    landClass: parcel.landClass,
    landArea: parcel.planeArea,
    buildingArea: parcel.buildingArea,
    structure: parcel.structure,
    illegalBuildingArea: household.exclusions.illegalBuildingArea,
    rushBuiltArea: household.exclusions.rushBuiltArea,
    signing: parcel.signing,
    signedAt: isDone(parcel) && household.signing ? household.signing.at : null,
  };
}

export interface HouseholdCompensation {
  compensation: Compensation;
  /** The day whose table was used. */
  rateDate: string;
}

/** The household's compensation under the table the rules give it (or under `table`, for a what-if). */
export function householdCompensation(
  household: Household,
  context: LedgerContext,
  table?: RateTable,
): HouseholdCompensation | null {
  const facts = factsOf(household);
  const rateDate = rateDateFor(facts, context.today);
  const chosen = table ?? rateTableInEffect(context.tables, rateDate);
  if (!chosen) return null;
  return {
    compensation: computeCompensation(facts, chosen, {
      announcementDate: context.announcementDate,
      today: context.today,
    }),
    rateDate,
  };
}

/** The agreement of the household's current signing: none once a correction moved it back from signed/ruled. */
export function agreementInForce(household: Household): Agreement | null {
  const { agreement, signing, parcel } = household;
  if (!agreement || !signing || !isDone(parcel)) return null;
  return agreement.eventId === signing.eventId ? agreement : null;
}

export interface AmountInForce {
  fen: number | null;
  /** `agreement`: recorded at signing; `rateTable`: what the table gives today; `none`: no table yet. */
  source: 'agreement' | 'rateTable' | 'none';
  rateVersion: number | null;
}

/**
 * What the household is owed as things stand: the recorded agreement for a signed or ruled household (what was
 * agreed is what is posted, so a deviation from the table shows), otherwise the table's amount.
 */
export function amountInForce(household: Household, context: LedgerContext): AmountInForce {
  const agreement = agreementInForce(household);
  if (agreement && agreement.agreedFen !== null) {
    return { fen: agreement.agreedFen, source: 'agreement', rateVersion: agreement.rateVersion };
  }
  const computed = householdCompensation(household, context);
  return computed
    ? {
        fen: computed.compensation.totalFen,
        source: 'rateTable',
        rateVersion: computed.compensation.rateVersion,
      }
    : { fen: null, source: 'none', rateVersion: null };
}

export interface BudgetRow {
  /** Village code, or `total`. */
  key: string;
  households: number;
  signedHouseholds: number;
  /** Households with no amount at all (no rate table in effect for them). */
  householdsWithoutAmount: number;
  currentFen: number;
  /** Signed and ruled households keep their amount; the others get the proposed table. null without a proposal. */
  proposedFen: number | null;
  /** Every household under the proposed table, as if it had been in force from the start. */
  proposedForAllFen: number | null;
  /** The most early-signing bonuses the not-yet-signed households can still earn under the current table. */
  pendingBonusCeilingFen: number;
}

function emptyRow(key: string, withProposal: boolean): BudgetRow {
  return {
    key,
    households: 0,
    signedHouseholds: 0,
    householdsWithoutAmount: 0,
    currentFen: 0,
    proposedFen: withProposal ? 0 : null,
    proposedForAllFen: withProposal ? 0 : null,
    pendingBonusCeilingFen: 0,
  };
}

/**
 * The budget by village under the tables in force, and under a proposed table when one is given. Sums are in
 * integer fen of each household's rounded total, so they add up to the posted amounts exactly. Writes nothing.
 */
export function compensationBudget(
  households: readonly Household[],
  context: LedgerContext,
  villages: readonly string[],
  proposed?: RateTable,
): { rows: BudgetRow[]; total: BudgetRow } {
  const withProposal = proposed !== undefined;
  const rows = new Map(villages.map((code) => [code, emptyRow(code, withProposal)]));
  const total = emptyRow('total', withProposal);
  const currentTable = rateTableInEffect(context.tables, context.today);
  for (const household of households) {
    const { parcel } = household;
    let row = rows.get(parcel.village);
    if (!row) {
      row = emptyRow(parcel.village, withProposal);
      rows.set(parcel.village, row);
    }
    const current = amountInForce(household, context);
    const proposedForAll = proposed ? householdCompensation(household, context, proposed) : null;
    const proposedFen = !proposed
      ? null
      : isDone(parcel)
        ? (current.fen ?? 0)
        : (proposedForAll?.compensation.totalFen ?? 0);
    const bonusCeiling =
      !isDone(parcel) && currentTable && context.today <= currentTable.earlySigning.deadline
        ? Math.round(currentTable.earlySigning.bonusPerHousehold * 100)
        : 0;
    for (const target of [row, total]) {
      target.households += 1;
      if (isDone(parcel)) target.signedHouseholds += 1;
      if (current.fen === null) target.householdsWithoutAmount += 1;
      target.currentFen += current.fen ?? 0;
      if (target.proposedFen !== null) target.proposedFen += proposedFen ?? 0;
      if (target.proposedForAllFen !== null) {
        target.proposedForAllFen += proposedForAll?.compensation.totalFen ?? 0;
      }
      target.pendingBonusCeilingFen += bonusCeiling;
    }
  }
  return { rows: [...rows.values()], total };
}

export interface FairnessHousehold {
  parcelId: number;
  code: string;
  holder: string;
  village: string;
  cadre: boolean;
  signing: ParcelSummary['signing'];
}

export interface FairnessDifference extends FairnessHousehold {
  signedAt: string;
  recordedFen: number | null;
  recordedVersion: number | null;
  computedFen: number | null;
  computedVersion: number | null;
  /** recorded − computed, in fen; null when either side is missing. */
  differenceFen: number | null;
  reason: 'difference' | 'notRecorded' | 'noRateTable';
}

export interface FairnessReport {
  differences: FairnessDifference[];
  /** Cadre households that have not signed: still open, or decided by a ruling instead of leading by signing. */
  cadreNotSigned: FairnessHousehold[];
  checkedHouseholds: number;
}

function identify(parcel: ParcelSummary): FairnessHousehold {
  return {
    parcelId: parcel.id,
    code: parcel.code,
    holder: parcel.holder,
    village: parcel.village,
    cadre: parcel.cadre,
    signing: parcel.signing,
  };
}

/**
 * What the public board is meant to make impossible to hide: every signed or ruled household whose recorded amount
 * differs from what the table in effect on its signing day gives (or that has no recorded amount), and every cadre
 * household that has not signed.
 */
export function fairnessCheck(households: readonly Household[], context: LedgerContext): FairnessReport {
  const differences: FairnessDifference[] = [];
  const cadreNotSigned: FairnessHousehold[] = [];
  let checkedHouseholds = 0;
  for (const household of households) {
    const { parcel } = household;
    if (parcel.cadre && parcel.signing !== 'signed') cadreNotSigned.push(identify(parcel));
    if (!isDone(parcel)) continue;
    checkedHouseholds += 1;
    const agreement = agreementInForce(household);
    const computed = householdCompensation(household, context);
    const recordedFen = agreement?.agreedFen ?? null;
    const computedFen = computed?.compensation.totalFen ?? null;
    const reason: FairnessDifference['reason'] | null =
      computedFen === null
        ? 'noRateTable'
        : recordedFen === null
          ? 'notRecorded'
          : recordedFen !== computedFen
            ? 'difference'
            : null;
    if (reason === null) continue;
    differences.push({
      ...identify(parcel),
      signedAt: household.signing?.at ?? '',
      recordedFen,
      recordedVersion: agreement?.rateVersion ?? null,
      computedFen,
      computedVersion: computed?.compensation.rateVersion ?? null,
      differenceFen: recordedFen !== null && computedFen !== null ? recordedFen - computedFen : null,
      reason,
    });
  }
  const byMagnitude = (difference: FairnessDifference) => Math.abs(difference.differenceFen ?? 0);
  differences.sort((a, b) => byMagnitude(b) - byMagnitude(a) || a.code.localeCompare(b.code));
  return { differences, cadreNotSigned, checkedHouseholds };
}
