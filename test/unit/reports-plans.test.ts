/** Village plans: the expected share line through the milestones, and the checks of a plan before it is stored. */
import { describe, expect, it } from 'vitest';
import { expectedShare, parsePlanInput } from '../../server/domain/reports/plans.ts';

const plan = {
  startDate: '2026-10-01',
  signedBy: '2026-12-30',
  handedOverBy: '2027-03-31',
  milestones: [{ date: '2026-10-31', signedShare: 0.5 }],
};

describe('expectedShare', () => {
  it('is 0 until the start, piecewise-linear through the milestones, 1 from the target on', () => {
    expect(expectedShare(plan, 'signed', '2026-09-15')).toBe(0);
    expect(expectedShare(plan, 'signed', '2026-10-01')).toBe(0);
    expect(expectedShare(plan, 'signed', '2026-10-16')).toBeCloseTo(0.25, 12);
    expect(expectedShare(plan, 'signed', '2026-10-31')).toBeCloseTo(0.5, 12);
    // 30 of the 60 days between the milestone and the target.
    expect(expectedShare(plan, 'signed', '2026-11-30')).toBeCloseTo(0.75, 12);
    expect(expectedShare(plan, 'signed', '2026-12-30')).toBe(1);
    expect(expectedShare(plan, 'signed', '2027-02-01')).toBe(1);
    // No handed-over milestone: a straight line over 181 days.
    expect(expectedShare(plan, 'handedOver', '2026-11-30')).toBeCloseTo(60 / 181, 12);
  });
});

describe('parsePlanInput', () => {
  it('accepts a valid plan and sorts its milestones', () => {
    const parsed = parsePlanInput({
      ...plan,
      milestones: [
        { date: '2026-11-30', signedShare: 0.8 },
        { date: '2026-10-31', signedShare: 0.5, handedOverShare: 0.1 },
      ],
    });
    expect(parsed.ok && parsed.input.milestones.map((milestone) => milestone.date)).toEqual([
      '2026-10-31',
      '2026-11-30',
    ]);
  });

  it('names every bad field in Chinese and English', () => {
    const parsed = parsePlanInput({
      startDate: '2026-10-01',
      signedBy: '2026-09-30',
      handedOverBy: '2026-13-01',
    });
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.field)).toEqual(['handedOverBy', 'signedBy']);
    const signedBy = parsed.ok ? undefined : parsed.errors.find((error) => error.field === 'signedBy');
    expect(signedBy?.zh).toContain('晚于开始日期');
    expect(signedBy?.en).toContain('after the start date');
  });

  it('refuses milestones whose shares do not increase, bad dates and shares outside (0, 1)', () => {
    const parsed = parsePlanInput({
      ...plan,
      milestones: [
        { date: '2026-10-20', signedShare: 0.6 },
        { date: '2026-10-25', signedShare: 0.4 },
        { date: 'soon', signedShare: 0.9 },
        { date: '2026-10-26', handedOverShare: 1.5 },
        { date: '2027-01-15', signedShare: 0.9 },
      ],
    });
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.field)).toEqual([
      'milestones[2].date',
      'milestones[3].handedOverShare',
      'milestones[4].date',
      'milestones',
    ]);
    const increasing = parsed.ok ? undefined : parsed.errors.find((error) => error.field === 'milestones');
    expect(increasing?.zh).toContain('递增');
    expect(increasing?.en).toContain('increase');
  });

  it('refuses a handover target before the signing target', () => {
    const parsed = parsePlanInput({
      startDate: '2026-10-01',
      signedBy: '2026-12-01',
      handedOverBy: '2026-11-01',
    });
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.field)).toEqual(['handedOverBy']);
  });
});
