import { describe, expect, it } from 'vitest';
import { allowedTargets } from '../../server/domain/transitions.ts';
import { chinaDateTimeInputValue, fromChinaDateTimeInput } from '../../web/src/format/china-time.ts';
import { initialWhen, readWhen } from '../../web/src/state/field-time.ts';
import { searchParcels } from '../../web/src/state/parcel-search.ts';
import {
  bulkSelection,
  forwardBlock,
  previewBulkChange,
  transitionOptions,
} from '../../web/src/state/transition-options.ts';
import { parcelSummary } from '../support/summaries.ts';

const parcel = parcelSummary;

describe('what the transition dialog offers', () => {
  it('offers exactly the domain’s allowed targets, forward moves first, corrections marked, for hq only', () => {
    const household = parcel(1, { signing: 'appraised' });
    const team = transitionOptions(household, 'signing', 'team');
    expect(team.map((option) => [option.status.code, option.kind])).toEqual([
      ['signed', 'forward'],
      ['ruled', 'forward'],
    ]);
    const hq = transitionOptions(household, 'signing', 'hq');
    expect(hq.map((option) => option.status.code).sort()).toEqual(
      [...allowedTargets(household, 'signing', 'hq')].sort(),
    );
    expect(hq.filter((option) => option.kind === 'correction').map((option) => option.status.code)).toEqual([
      'unsurveyed',
      'surveyed',
    ]);
    expect(transitionOptions(household, 'signing', 'viewer')).toEqual([]);
  });

  it('says why nothing moves forward: the end of the axis, or the rule that blocks the next step', () => {
    expect(forwardBlock(parcel(1, { signing: 'signed' }), 'signing', 'team')).toEqual({ kind: 'final' });
    const unsigned = forwardBlock(parcel(2, { signing: 'appraised' }), 'clearance', 'team');
    expect(unsigned).toMatchObject({ kind: 'rule' });
    expect(unsigned?.kind === 'rule' && unsigned.message.zh).toContain('尚未签约');
    expect(forwardBlock(parcel(3, { signing: 'signed' }), 'clearance', 'team')).toBeNull();
  });
});

describe('bulk change preview', () => {
  it('splits the filtered parcels into forward moves, corrections and refusals by the domain rule', () => {
    const parcels = [
      parcel(1, { signing: 'signed', clearance: 'occupied' }),
      parcel(2, { signing: 'signed', clearance: 'demolished' }),
      parcel(3, { signing: 'appraised', clearance: 'occupied' }),
      parcel(4, { signing: 'signed', clearance: 'occupied', buildingArea: null }),
    ];
    const preview = previewBulkChange(parcels, 'clearance', 'vacated', 'hq');
    expect(preview.forward.map((entry) => entry.id)).toEqual([1]);
    expect(preview.corrections.map((entry) => entry.id)).toEqual([2]);
    expect(preview.refused.map((entry) => entry.parcel.id)).toEqual([3, 4]);
    expect(preview.refused[0]?.message.en).toMatch(/signed/);
  });

  it('sends forward moves by default, corrections only when asked, everything when refusals are not skipped', () => {
    const parcels = [
      parcel(1, { signing: 'signed' }),
      parcel(2, { signing: 'signed', clearance: 'demolished' }),
      parcel(3, { signing: 'surveyed' }),
    ];
    const preview = previewBulkChange(parcels, 'clearance', 'vacated', 'hq');
    const ids = (options: { includeCorrections: boolean; skipRefused: boolean }) =>
      bulkSelection(preview, options).map((entry) => entry.id);
    expect(ids({ includeCorrections: false, skipRefused: true })).toEqual([1]);
    expect(ids({ includeCorrections: true, skipRefused: true })).toEqual([1, 2]);
    expect(ids({ includeCorrections: true, skipRefused: false }).sort()).toEqual([1, 2, 3]);
  });
});

describe('finding a household', () => {
  const villageNames = new Map([
    ['V03', { zh: '杉木村', en: 'Shanmu' }],
    ['V05', { zh: '竹林村', en: 'Zhulin' }],
  ]);

  it('matches the holder and the code, best match first, and counts all matches', () => {
    const parcels = [
      parcel(1, { holder: '王涛永' }),
      parcel(2, { holder: '王涛' }),
      parcel(3, { holder: '张王涛', code: '520115-V03-0268' }),
      parcel(4, { holder: '李四' }),
    ];
    const results = searchParcels(parcels, '王涛', { villageNames });
    expect(results.parcels.map((entry) => entry.id)).toEqual([2, 1, 3]);
    expect(results.total).toBe(3);
    expect(searchParcels(parcels, '0268', { villageNames }).parcels.map((entry) => entry.id)).toEqual([3]);
    expect(searchParcels(parcels, '  ', { villageNames })).toEqual({ parcels: [], total: 0 });
  });

  it('needs every word to match, village names included, and lists a team’s own villages first', () => {
    const parcels = [
      parcel(1, { holder: '刘一', village: 'V05' }),
      parcel(2, { holder: '刘二', village: 'V03' }),
    ];
    expect(searchParcels(parcels, '杉木 刘', { villageNames }).parcels.map((entry) => entry.id)).toEqual([2]);
    expect(searchParcels(parcels, 'zhulin', { villageNames }).parcels.map((entry) => entry.id)).toEqual([1]);
    const preferred = searchParcels(parcels, '刘', { villageNames, preferredVillages: ['V03'] });
    expect(preferred.parcels.map((entry) => entry.id)).toEqual([2, 1]);
    expect(searchParcels(parcels, '刘', { villageNames, limit: 1 })).toMatchObject({ total: 2 });
  });
});

describe('field times in China Standard Time', () => {
  it('shows an instant as the CST wall-clock time a datetime-local input holds, whatever the device zone', () => {
    expect(chinaDateTimeInputValue('2026-11-26T04:27:52.222Z')).toBe('2026-11-26T12:27');
    expect(chinaDateTimeInputValue('2026-11-25T18:10:43+08:00')).toBe('2026-11-25T18:10');
  });

  it('reads an input value back as +08:00, refusing incomplete or impossible times', () => {
    expect(fromChinaDateTimeInput('2026-11-26T12:27')).toBe('2026-11-26T12:27:00+08:00');
    expect(Date.parse(fromChinaDateTimeInput('2026-11-26T00:30') as string)).toBe(
      Date.parse('2026-11-25T16:30:00Z'),
    );
    expect(fromChinaDateTimeInput('2026-02-30T10:00')).toBeNull();
    expect(fromChinaDateTimeInput('2026-11-26')).toBeNull();
  });

  it('sends no time unless the user changed it, and refuses one in the future', () => {
    const now = Date.parse('2026-11-26T04:30:00Z');
    expect(readWhen(initialWhen(now), now)).toEqual({});
    expect(readWhen({ input: '2026-11-26T09:00', edited: true }, now)).toEqual({
      at: '2026-11-26T09:00:00+08:00',
    });
    expect(readWhen({ input: '2026-11-26T13:00', edited: true }, now)).toEqual({ error: 'futureTime' });
    expect(readWhen({ input: '', edited: true }, now)).toEqual({ error: 'invalidTime' });
  });
});
