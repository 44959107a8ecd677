/** Test helpers for the compensation routes: the sample's rate tables loaded into a test park. */

import type { ParcelStore } from '../../server/store/parcel-store.ts';
import { readSampleRates } from '../../server/store/read-rates.ts';

/** Publishes the committed sample's rate tables (v1 from 2026-09-20, v2 from 2026-11-16) into the store. */
export function publishSampleRates(store: ParcelStore): void {
  for (const content of readSampleRates('data/sample')) store.compensation.publishRateTable(content, 'test');
}

/** A rate table body as the command centre sends it: the sample's first version with the given changes. */
export function rateTableBody(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const [first] = readSampleRates('data/sample');
  return { ...structuredClone(first), ...changes };
}

/** Parcel ids of the test park (test/support/test-park.ts): V01 holds 1–6, V02 holds 7–10. */
export const PARCELS = {
  v01SignedHomestead: 1, // signed, 210.5 ㎡ brick-concrete
  v01CadreSigned: 2,
  v01AppraisedFarmlandWithHole: 4,
  v02SurveyedOrchard: 8,
} as const;
