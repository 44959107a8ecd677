import { describe, expect, it } from 'vitest';
import type { ParcelEvent } from '../../server/domain/events.ts';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { PROBLEM_STATUSES, type Problem } from '../../server/domain/problems.ts';
import { CLEARANCE_STATUSES, SIGNING_STATUSES } from '../../server/domain/statuses.ts';
import { describeEvent, mergeEvents } from '../../web/src/state/event-list.ts';
import {
  applyParcelSummaries,
  laterInstant,
  mergeRefreshedSummaries,
} from '../../web/src/state/live-summaries.ts';
import {
  activeProblemsByParcel,
  countProblemsByStatus,
  knownAssignees,
  problemsWithStatus,
  upsertProblems,
} from '../../web/src/state/problem-list.ts';
import { parcelSummary } from '../support/summaries.ts';

const parcel = parcelSummary;

function event(id: number, overrides: Partial<ParcelEvent> = {}): ParcelEvent {
  return {
    id,
    parcelId: 1,
    parcelCode: '520115-V03-0001',
    village: 'V03',
    axis: 'signing',
    from: 'appraised',
    to: 'signed',
    at: '2026-11-26T04:00:00.000Z',
    recordedAt: '2026-11-26T04:00:00.100Z',
    user: 'team-v03',
    note: '已签订补偿协议',
    kind: 'forward',
    problemId: null,
    ...overrides,
  };
}

function problem(id: number, overrides: Partial<Problem> = {}): Problem {
  return {
    id,
    parcelId: 1,
    parcelCode: '520115-V03-0001',
    village: 'V03',
    kind: 'areaDispute',
    description: '面积有异议',
    status: 'open',
    assignee: null,
    reportedBy: 'team-v03',
    reportedAt: '2026-11-26T04:00:00.000Z',
    updatedAt: '2026-11-26T04:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** Parcel id → position, as `parcelIndexOf` gives it for a park's geometry. */
function indexParcels(parcels: readonly ParcelSummary[]): ReadonlyMap<number, number> {
  return new Map(parcels.map((parcel, position) => [parcel.id, position]));
}

describe('applying pushed parcel summaries', () => {
  it('replaces a parcel in place with its newer summary, keeping the geometry order', () => {
    const parcels = [parcel(1), parcel(2), parcel(3)];
    const next = applyParcelSummaries(
      parcels,
      [parcel(2, { signing: 'signed', version: 2 })],
      indexParcels(parcels),
    );
    expect(next).not.toBe(parcels);
    expect(next.map((entry) => entry.id)).toEqual([1, 2, 3]);
    expect(next[1]?.signing).toBe('signed');
    expect(next[0]).toBe(parcels[0]);
    expect(parcels[1]?.signing).toBe('appraised');
  });

  it('returns the same array for a stale, repeated or unknown update, so nothing redraws', () => {
    const parcels = [parcel(1, { version: 3 }), parcel(2)];
    const index = indexParcels(parcels);
    expect(applyParcelSummaries(parcels, [parcel(1, { version: 2, signing: 'surveyed' })], index)).toBe(
      parcels,
    );
    expect(applyParcelSummaries(parcels, [parcel(1, { version: 3 })], index)).toBe(parcels);
    expect(applyParcelSummaries(parcels, [parcel(99, { version: 9 })], index)).toBe(parcels);
    expect(applyParcelSummaries(parcels, [], index)).toBe(parcels);
  });

  it('applies a batch (a bulk change) in one copy and keeps the newest of two updates of one parcel', () => {
    const parcels = [parcel(1), parcel(2)];
    const next = applyParcelSummaries(
      parcels,
      [
        parcel(1, { version: 3, clearance: 'vacated', signing: 'signed' }),
        parcel(1, { version: 2, signing: 'signed' }),
        parcel(2, { version: 2, signing: 'ruled' }),
      ],
      indexParcels(parcels),
    );
    expect(next.map((entry) => [entry.version, entry.signing, entry.clearance])).toEqual([
      [3, 'signed', 'vacated'],
      [2, 'ruled', 'occupied'],
    ]);
  });

  it('merges a periodic re-read without undoing a pushed change that is newer', () => {
    const held = [parcel(1, { version: 5, signing: 'signed' }), parcel(2, { version: 1 })];
    const reread = [
      parcel(1, { version: 4, signing: 'appraised' }),
      parcel(2, { version: 2, signing: 'signed' }),
    ];
    const merged = mergeRefreshedSummaries(held, reread);
    expect(merged.map((entry) => entry.version)).toEqual([5, 2]);
    expect(merged[0]).toBe(held[0]);
    expect(mergeRefreshedSummaries(held, [parcel(1, { version: 5 }), parcel(2, { version: 1 })])).toBe(held);
  });

  it('keeps the later of two as-of times whatever their offsets', () => {
    expect(laterInstant('2026-11-25T18:10:43+08:00', '2026-11-26T04:27:52.222Z')).toBe(
      '2026-11-26T04:27:52.222Z',
    );
    expect(laterInstant('2026-11-26T12:30:00+08:00', '2026-11-26T04:27:52.222Z')).toBe(
      '2026-11-26T12:30:00+08:00',
    );
    expect(laterInstant('2026-11-26T12:30:00+08:00', 'not a time')).toBe('2026-11-26T12:30:00+08:00');
  });
});

describe('the latest-changes feed and a parcel history', () => {
  it('adds pushed events newest first, drops the ones already held and keeps the newest `limit`', () => {
    const feed = mergeEvents([], [event(5), event(3), event(4)], 'newest-first', 10);
    expect(feed.map((entry) => entry.id)).toEqual([5, 4, 3]);
    const pushed = mergeEvents(feed, [event(6), event(5), event(6)], 'newest-first', 3);
    expect(pushed.map((entry) => entry.id)).toEqual([6, 5, 4]);
    expect(mergeEvents(pushed, [event(6)], 'newest-first', 3)).toBe(pushed);
  });

  it('keeps a history oldest first', () => {
    expect(mergeEvents([event(2)], [event(1), event(3)], 'oldest-first').map((entry) => entry.id)).toEqual([
      1, 2, 3,
    ]);
  });

  it('describes a status change with the domain table labels and colours', () => {
    const description = describeEvent(event(1));
    const appraised = SIGNING_STATUSES.find((status) => status.code === 'appraised');
    const signed = SIGNING_STATUSES.find((status) => status.code === 'signed');
    expect(description.axis).toEqual({ code: 'signing', zh: '签约', en: 'Signing' });
    expect(description.from).toEqual(appraised);
    expect(description.to?.color).toBe(signed?.color);
    expect(description.isCorrection).toBe(false);
    const correction = describeEvent(
      event(2, { axis: 'clearance', from: 'demolished', to: 'vacated', kind: 'correction' }),
    );
    expect(correction.isCorrection).toBe(true);
    expect(correction.to).toEqual(CLEARANCE_STATUSES.find((status) => status.code === 'vacated'));
  });

  it('describes a problem event with the problem statuses, and no status before a report', () => {
    const report = describeEvent(
      event(3, { axis: 'problem', from: 'none', to: 'open', kind: 'problem', problemId: 7 }),
    );
    expect(report.isProblem).toBe(true);
    expect(report.axis).toBeNull();
    expect(report.from).toBeNull();
    expect(report.to).toEqual(PROBLEM_STATUSES[0]);
  });
});

describe('the problem list', () => {
  it('upserts by version, newest report first, and ignores an older copy', () => {
    const list = upsertProblems([], [problem(1), problem(2)]);
    expect(list.map((entry) => entry.id)).toEqual([2, 1]);
    const assigned = upsertProblems(list, [
      problem(1, { status: 'assigned', assignee: '李科长', version: 2 }),
    ]);
    expect(assigned.find((entry) => entry.id === 1)?.status).toBe('assigned');
    expect(upsertProblems(assigned, [problem(1, { version: 1 })])).toBe(assigned);
  });

  it('filters by status, counts each status and groups the unresolved ones by parcel', () => {
    const list = [
      problem(1, { parcelId: 10 }),
      problem(2, { parcelId: 10, status: 'assigned' }),
      problem(3, { parcelId: 11, status: 'resolved' }),
    ];
    expect(problemsWithStatus(list, ['open', 'assigned']).map((entry) => entry.id)).toEqual([1, 2]);
    expect(problemsWithStatus(list, []).length).toBe(3);
    expect(countProblemsByStatus(list)).toEqual({ open: 1, assigned: 1, resolved: 1 });
    const byParcel = activeProblemsByParcel(list);
    expect(byParcel.get(10)?.map((entry) => entry.id)).toEqual([1, 2]);
    expect(byParcel.has(11)).toBe(false);
  });

  it('suggests the assignees used before, most recent first, once each', () => {
    const list = [
      problem(1, { assignee: '王主任', updatedAt: '2026-11-24T00:00:00Z' }),
      problem(2, { assignee: '李科长', updatedAt: '2026-11-26T00:00:00Z' }),
      problem(3, { assignee: '王主任', updatedAt: '2026-11-25T00:00:00Z' }),
      problem(4),
    ];
    expect(knownAssignees(list)).toEqual(['李科长', '王主任']);
  });
});
