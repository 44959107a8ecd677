/** The amounts of the parcels being exported, keyed by parcel id, for the compensation columns. */
import { amountInForce } from '../domain/compensation-ledger.ts';
import type { ExportCompensation } from '../export/compensation-columns.ts';
import type { ParcelRecord, ParcelStore } from '../store/parcel-store.ts';
import { householdsOf, ledgerContext } from './compensation-context.ts';

export function exportCompensation(
  store: ParcelStore,
  records: readonly ParcelRecord[],
): Map<number, ExportCompensation> {
  const context = ledgerContext(store);
  const households = householdsOf(
    store,
    records.map((record) => record.summary),
  );
  return new Map(
    households.map((household) => {
      const done = household.parcel.signing === 'signed' || household.parcel.signing === 'ruled';
      return [
        household.parcel.id,
        { ...amountInForce(household, context), signedAt: done ? (household.signing?.at ?? null) : null },
      ];
    }),
  );
}
