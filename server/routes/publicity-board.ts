/**
 * The 公示 board of one village, assembled field by field (the allow-list lives in `server/domain/publicity.ts`):
 * what `/api/public/publicity/:village`, its XLSX and the printed page show.
 */
import { amountInForce } from '../domain/compensation-ledger.ts';
import type { Village } from '../domain/parcel.ts';
import {
  type HolderNamePolicy,
  type PublicityRow,
  type PublicityTotals,
  type PublicRateTable,
  publicityRows,
  publicRateTable,
} from '../domain/publicity.ts';
import { rateTableInEffect } from '../domain/rates.ts';
import { describeMeasures } from '../domain/statistics.ts';
import type { BilingualMessage } from '../domain/transitions.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import { householdsOf, ledgerContext } from './compensation-context.ts';

export interface PublicityBoard {
  park: { name: string; nameEn: string };
  village: Pick<Village, 'code' | 'name' | 'nameEn' | 'town'>;
  asOf: string;
  holderNames: HolderNamePolicy;
  /** 口径 of the land area column. */
  landAreaMeasure: BilingualMessage;
  /** The version in effect today, then every version a posted amount was agreed under. */
  rateTables: PublicRateTable[];
  currentRateVersion: number | null;
  totals: PublicityTotals;
  households: PublicityRow[];
}

export function publicityBoard(store: ParcelStore, villageCode: string): PublicityBoard | undefined {
  const village = store.villages().find((candidate) => candidate.code === villageCode);
  if (!village) return undefined;
  const context = ledgerContext(store);
  const households = householdsOf(
    store,
    store.parcels().filter((parcel) => parcel.village === village.code),
  );
  const policy = store.compensation.publicitySettings().holderNames;
  const { rows, totals } = publicityRows(households, context, policy);
  const current = rateTableInEffect(context.tables, context.today);
  const used = new Set(households.map((household) => amountInForce(household, context).rateVersion));
  if (current) used.add(current.version);
  return {
    park: { name: store.park.name, nameEn: store.park.nameEn },
    village: { code: village.code, name: village.name, nameEn: village.nameEn, town: village.town },
    asOf: store.asOf(),
    holderNames: policy,
    landAreaMeasure: describeMeasures(store.park.zone).planeArea,
    rateTables: context.tables.filter((table) => used.has(table.version)).map(publicRateTable),
    currentRateVersion: current?.version ?? null,
    totals,
    households: rows,
  };
}
