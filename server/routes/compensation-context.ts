/** The ledger inputs of a request: households from the store, the rate tables and today's date in China time. */
import { chinaDate } from '../domain/china-time.ts';
import type { Household, LedgerContext } from '../domain/compensation-ledger.ts';
import type { ParcelSummary } from '../domain/parcel.ts';
import type { ParcelStore } from '../store/parcel-store.ts';

export function ledgerContext(store: ParcelStore, now = new Date()): LedgerContext {
  return {
    tables: store.compensation.rateTables(),
    today: chinaDate(now),
    announcementDate: store.park.announcementDate,
  };
}

export function householdsOf(
  store: ParcelStore,
  parcels: readonly ParcelSummary[] = store.parcels(),
): Household[] {
  return store.compensation.households(parcels);
}

/** The first day a new rate table may take effect: tomorrow in China time, so it can never reach a signing. */
export function earliestEffectiveDate(now = new Date()): string {
  return chinaDate(now.getTime() + 24 * 60 * 60 * 1000);
}
