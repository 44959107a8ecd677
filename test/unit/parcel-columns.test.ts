import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type ParcelFilter } from '../../server/domain/filters.ts';
import { computeStatistics, GROUP_BY } from '../../server/domain/statistics.ts';
import type { User } from '../../server/domain/users.ts';
import { type TemporaryStore, temporaryStore } from '../support/test-park.ts';

const HQ: User = { id: 1, username: 'hq', displayName: '指挥部', role: 'hq', villages: [] };

let park: TemporaryStore | undefined;
afterEach(() => {
  park?.remove();
  park = undefined;
});

const FILTERS: ParcelFilter[] = [
  EMPTY_FILTER,
  { ...EMPTY_FILTER, villages: ['V02'] },
  { ...EMPTY_FILTER, signing: ['signed', 'ruled'], cadre: false },
  { ...EMPTY_FILTER, clearance: ['occupied'], landClasses: ['homestead'] },
  { ...EMPTY_FILTER, cadre: true },
];

describe('the store’s parcel columns', () => {
  it('give the same statistics as the summaries, for every grouping and filter, after status changes', async () => {
    park = temporaryStore();
    const store = park.store;
    const target = store.parcels().find((parcel) => parcel.signing === 'unsurveyed');
    expect(target).toBeDefined();
    const result = await store.applyStatusChanges(
      [
        {
          parcelId: target?.id as number,
          axis: 'signing',
          to: 'surveyed',
          note: '入户调查',
          at: new Date().toISOString(),
        },
      ],
      HQ,
    );
    expect(result.ok).toBe(true);
    const options = { zone: store.park.zone, asOf: store.asOf() };
    for (const groupBy of GROUP_BY) {
      for (const filter of FILTERS) {
        const fromColumns = computeStatistics(store.parcelColumns(), filter, { ...options, groupBy });
        const fromSummaries = computeStatistics(store.parcels(), filter, { ...options, groupBy });
        expect(fromColumns).toEqual(fromSummaries);
      }
    }
    // The change reached the columns: one more surveyed household than before it, counted by hand.
    const surveyed = store.parcels().filter((parcel) => parcel.signing === 'surveyed').length;
    const table = computeStatistics(store.parcelColumns(), EMPTY_FILTER, { ...options, groupBy: 'none' });
    expect(table.total.bySigning.surveyed).toBe(surveyed);
    expect(table.total.households).toBe(store.parcels().length);
  });
});
