/** The plan editor's checks: what is sent, and one bilingual message per wrong field (named as the server does). */
import { describe, expect, it } from 'vitest';
import { type PlanFields, planFields, validatePlanFields } from '../../web/src/report/plan-form.ts';

const valid: PlanFields = {
  startDate: '2026-09-01',
  signedBy: '2026-12-31',
  handedOverBy: '2027-03-31',
  milestones: [
    { date: '2026-12-01', signedPercent: '80', handedOverPercent: '' },
    { date: '2026-10-15', signedPercent: '40%', handedOverPercent: '10' },
  ],
};

function fieldsOf(result: ReturnType<typeof validatePlanFields>): string[] {
  return result.ok ? [] : result.errors.map((error) => error.field);
}

describe('plan form validation', () => {
  it('turns a valid form into the request body: fractions, milestones by date', () => {
    const result = validatePlanFields(valid);
    expect(result).toEqual({
      ok: true,
      input: {
        startDate: '2026-09-01',
        signedBy: '2026-12-31',
        handedOverBy: '2027-03-31',
        milestones: [
          { date: '2026-10-15', signedShare: 0.4, handedOverShare: 0.1 },
          { date: '2026-12-01', signedShare: 0.8 },
        ],
      },
    });
  });

  it('names missing, invalid and out-of-order dates, in Chinese and English', () => {
    const result = validatePlanFields({ ...valid, startDate: '', signedBy: '2026-02-30' });
    expect(fieldsOf(result)).toEqual(['startDate', 'signedBy']);
    const order = validatePlanFields({
      ...valid,
      signedBy: '2026-08-01',
      handedOverBy: '2026-07-01',
      milestones: [],
    });
    expect(fieldsOf(order)).toEqual(['signedBy', 'handedOverBy']);
    if (order.ok) throw new Error('expected errors');
    expect(order.errors[1]?.zh).toContain('不能早于签约 100% 日期');
    expect(order.errors[1]?.en).toContain('cannot be before the 100 % signed date');
  });

  it('checks each milestone: date in range, a share between 0 and 100, targets that grow', () => {
    const result = validatePlanFields({
      ...valid,
      milestones: [
        { date: '2027-05-01', signedPercent: '50', handedOverPercent: '' },
        { date: '2026-10-01', signedPercent: '', handedOverPercent: '' },
        { date: '2026-10-02', signedPercent: '120', handedOverPercent: '' },
        { date: '2026-11-01', signedPercent: '60', handedOverPercent: '' },
        { date: '2026-11-02', signedPercent: '30', handedOverPercent: '' },
      ],
    });
    expect(fieldsOf(result)).toEqual([
      'milestones[0].date',
      'milestones[1].signedShare',
      'milestones[2].signedShare',
      'milestones[4].signedShare',
    ]);
  });

  it('refuses a signing milestone on or after the 100 % signed date', () => {
    const result = validatePlanFields({
      ...valid,
      milestones: [{ date: '2027-01-15', signedPercent: '90', handedOverPercent: '50' }],
    });
    expect(fieldsOf(result)).toEqual(['milestones[0].date']);
  });

  it('fills the form from a stored plan, shares as percent', () => {
    const fields = planFields(
      {
        village: 'V01',
        startDate: '2026-09-01',
        signedBy: '2026-12-31',
        handedOverBy: '2027-03-31',
        milestones: [{ date: '2026-10-15', signedShare: 0.4 }],
        version: 3,
        updatedAt: '2026-11-20T10:00:00.000Z',
        updatedBy: 'hq',
      },
      '2026-11-26',
    );
    expect(fields.milestones).toEqual([{ date: '2026-10-15', signedPercent: '40', handedOverPercent: '' }]);
    expect(planFields(null, '2026-11-26').startDate).toBe('2026-11-26');
  });
});
