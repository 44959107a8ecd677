import { describe, expect, it } from 'vitest';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { CLEARANCE_STATUSES, SIGNING_STATUSES } from '../../server/domain/statuses.ts';
import { allowedTargets, checkTransition, type Role } from '../../server/domain/transitions.ts';

type Facts = Pick<ParcelSummary, 'signing' | 'clearance' | 'buildingArea'>;
const withBuilding = (signing: Facts['signing'], clearance: Facts['clearance']): Facts => ({
  signing,
  clearance,
  buildingArea: 120,
});
const withoutBuilding = (signing: Facts['signing'], clearance: Facts['clearance']): Facts => ({
  signing,
  clearance,
  buildingArea: null,
});

describe('signing transitions', () => {
  it.each([
    ['unsurveyed', 'surveyed'],
    ['surveyed', 'appraised'],
    ['appraised', 'signed'],
    ['appraised', 'ruled'],
  ] as const)('%s → %s is a forward move any team may make', (from, to) => {
    expect(
      checkTransition(withBuilding(from, 'occupied'), { axis: 'signing', to, role: 'team', note: 'n' }),
    ).toEqual({
      allowed: true,
      kind: 'forward',
    });
  });

  it.each([
    ['unsurveyed', 'appraised'],
    ['unsurveyed', 'signed'],
    ['surveyed', 'signed'],
    ['surveyed', 'ruled'],
  ] as const)('%s → %s skips a step and is refused with the rule in both languages', (from, to) => {
    const check = checkTransition(withBuilding(from, 'occupied'), {
      axis: 'signing',
      to,
      role: 'hq',
      note: 'n',
    });
    expect(check.allowed).toBe(false);
    if (!check.allowed) {
      expect(check.reason).toBe('not-allowed');
      expect(check.message.zh).toMatch(/不能/);
      expect(check.message.en).toMatch(/Cannot move/);
    }
  });

  it('refuses a correction by a team and accepts it from hq with a reason', () => {
    const parcel = withBuilding('signed', 'occupied');
    const byTeam = checkTransition(parcel, {
      axis: 'signing',
      to: 'appraised',
      role: 'team',
      note: '录入错误',
    });
    expect(byTeam).toMatchObject({ allowed: false, reason: 'correction-needs-hq' });
    const withoutReason = checkTransition(parcel, {
      axis: 'signing',
      to: 'appraised',
      role: 'hq',
      note: '  ',
    });
    expect(withoutReason).toMatchObject({ allowed: false, reason: 'correction-needs-reason' });
    expect(
      checkTransition(parcel, { axis: 'signing', to: 'appraised', role: 'hq', note: '录入错误' }),
    ).toEqual({
      allowed: true,
      kind: 'correction',
    });
  });

  it('refuses to move signing back below signed while clearance has advanced', () => {
    const check = checkTransition(withBuilding('signed', 'vacated'), {
      axis: 'signing',
      to: 'appraised',
      role: 'hq',
      note: '更正',
    });
    expect(check).toMatchObject({ allowed: false, reason: 'correction-breaks-clearance' });
  });

  it('refuses an unknown status and the current status', () => {
    const parcel = withBuilding('surveyed', 'occupied');
    expect(checkTransition(parcel, { axis: 'signing', to: 'done', role: 'hq', note: 'n' })).toMatchObject({
      allowed: false,
      reason: 'unknown-status',
    });
    expect(checkTransition(parcel, { axis: 'signing', to: 'surveyed', role: 'hq', note: 'n' })).toMatchObject(
      {
        allowed: false,
        reason: 'same-status',
      },
    );
  });
});

describe('clearance transitions', () => {
  it('cannot move past occupied before the household signed or was ruled', () => {
    for (const signing of ['unsurveyed', 'surveyed', 'appraised'] as const) {
      const check = checkTransition(withBuilding(signing, 'occupied'), {
        axis: 'clearance',
        to: 'vacated',
        role: 'hq',
        note: 'n',
      });
      expect(check).toMatchObject({ allowed: false, reason: 'needs-signing' });
    }
    for (const signing of ['signed', 'ruled'] as const) {
      expect(
        checkTransition(withBuilding(signing, 'occupied'), {
          axis: 'clearance',
          to: 'vacated',
          role: 'team',
          note: 'n',
        }),
      ).toEqual({ allowed: true, kind: 'forward' });
    }
  });

  it('goes occupied → vacated → demolished → handedOver one step at a time with a building', () => {
    expect(allowedTargets(withBuilding('signed', 'occupied'), 'clearance', 'team')).toEqual(['vacated']);
    expect(allowedTargets(withBuilding('signed', 'vacated'), 'clearance', 'team')).toEqual(['demolished']);
    expect(allowedTargets(withBuilding('signed', 'demolished'), 'clearance', 'team')).toEqual(['handedOver']);
    expect(allowedTargets(withBuilding('signed', 'handedOver'), 'clearance', 'team')).toEqual([]);
    expect(
      checkTransition(withBuilding('signed', 'occupied'), {
        axis: 'clearance',
        to: 'handedOver',
        role: 'hq',
        note: 'n',
      }),
    ).toMatchObject({ allowed: false, reason: 'not-allowed' });
  });

  it('goes straight from occupied to handedOver without a building, and nowhere else', () => {
    expect(allowedTargets(withoutBuilding('signed', 'occupied'), 'clearance', 'team')).toEqual([
      'handedOver',
    ]);
    const check = checkTransition(withoutBuilding('signed', 'occupied'), {
      axis: 'clearance',
      to: 'vacated',
      role: 'team',
      note: 'n',
    });
    expect(check).toMatchObject({ allowed: false, reason: 'not-allowed' });
    if (!check.allowed) expect(check.message.en).toMatch(/without a building/);
    expect(allowedTargets(withoutBuilding('signed', 'handedOver'), 'clearance', 'hq')).toEqual(['occupied']);
  });
});

describe('allowed targets by role', () => {
  const roles: Role[] = ['hq', 'team', 'viewer'];
  it('gives a viewer nothing, a team only forward moves and hq forward moves and corrections', () => {
    const parcel = withBuilding('appraised', 'occupied');
    const targets = Object.fromEntries(roles.map((role) => [role, allowedTargets(parcel, 'signing', role)]));
    expect(targets).toEqual({
      hq: ['unsurveyed', 'surveyed', 'signed', 'ruled'],
      team: ['signed', 'ruled'],
      viewer: [],
    });
  });

  it('only ever offers codes from the status table', () => {
    const codes = new Set<string>([...SIGNING_STATUSES, ...CLEARANCE_STATUSES].map((status) => status.code));
    for (const signing of SIGNING_STATUSES) {
      for (const clearance of CLEARANCE_STATUSES) {
        const parcel = withBuilding(signing.code, clearance.code);
        for (const target of [
          ...allowedTargets(parcel, 'signing', 'hq'),
          ...allowedTargets(parcel, 'clearance', 'hq'),
        ]) {
          expect(codes.has(target)).toBe(true);
        }
      }
    }
  });
});
