/**
 * Village plans (计划): target dates for 100 % signed and 100 % handed over, with optional milestones. The share
 * expected by a date is piecewise-linear from (start, 0) through the milestones to (target, 1), clamped to [0, 1];
 * every point is the end of its day in China Standard Time, so "expected by the end of the report date" compares
 * with the report's cumulative numbers at that same instant.
 */
import { daysBetween, isCalendarDate } from '../china-time.ts';
import type { PlanMilestone, VillagePlan, VillagePlanInput } from './report-types.ts';

/** A field-level error in the shape of the API's `ErrorDetail` (field, value, zh, en). */
export interface PlanFieldError {
  field: string;
  value: string;
  zh: string;
  en: string;
}

export type PlanMeasure = 'signed' | 'handedOver';

const MEASURE_LABELS: Record<PlanMeasure, { zh: string; en: string; target: 'signedBy' | 'handedOverBy' }> = {
  signed: { zh: '签约', en: 'signed', target: 'signedBy' },
  handedOver: { zh: '交地', en: 'handed-over', target: 'handedOverBy' },
};

function shareKey(measure: PlanMeasure): 'signedShare' | 'handedOverShare' {
  return measure === 'signed' ? 'signedShare' : 'handedOverShare';
}

/** The (day, share) points of one measure's plan line, in date order. */
function planPoints(
  plan: Pick<VillagePlan, 'startDate' | 'signedBy' | 'handedOverBy' | 'milestones'>,
  measure: PlanMeasure,
): { day: number; share: number }[] {
  const target = plan[MEASURE_LABELS[measure].target];
  const key = shareKey(measure);
  const milestones = plan.milestones
    .filter((milestone) => milestone[key] !== undefined)
    .map((milestone) => ({
      day: daysBetween(plan.startDate, milestone.date),
      share: milestone[key] as number,
    }))
    .sort((left, right) => left.day - right.day);
  return [{ day: 0, share: 0 }, ...milestones, { day: daysBetween(plan.startDate, target), share: 1 }];
}

/** The share on the line at `day` (days after the start), clamped to [0, 1]. */
function shareOnDay(points: readonly { day: number; share: number }[], day: number): number {
  if (day <= 0) return 0;
  for (let index = 1; index < points.length; index++) {
    const previous = points[index - 1] as { day: number; share: number };
    const next = points[index] as { day: number; share: number };
    if (day <= next.day) {
      const span = next.day - previous.day;
      const fraction = span <= 0 ? 1 : (day - previous.day) / span;
      return Math.min(1, Math.max(0, previous.share + fraction * (next.share - previous.share)));
    }
  }
  return 1;
}

type PlanDates = Pick<VillagePlan, 'startDate' | 'signedBy' | 'handedOverBy' | 'milestones'>;

/** The share of households the plan expects done by the end of `date`, in [0, 1]. */
export function expectedShare(plan: PlanDates, measure: PlanMeasure, date: string): number {
  return shareOnDay(planPoints(plan, measure), daysBetween(plan.startDate, date));
}

/** `expectedShare` for `dayCount` consecutive days from `from`, building the plan line once (progress charts). */
export function expectedShareByDay(
  plan: PlanDates,
  measure: PlanMeasure,
  from: string,
  dayCount: number,
): number[] {
  const points = planPoints(plan, measure);
  const offset = daysBetween(plan.startDate, from);
  return Array.from({ length: dayCount }, (_, day) => shareOnDay(points, offset + day));
}

function isShare(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 1;
}

/**
 * Checks a `PUT /api/plans/:village` body: real dates, targets after the start, 100 % handed over not before 100 %
 * signed, milestones between start and target with shares in (0, 1) that increase with the date. Every problem is
 * reported, not only the first.
 */
export function parsePlanInput(
  body: unknown,
):
  | { ok: true; input: VillagePlanInput & { milestones: PlanMilestone[] } }
  | { ok: false; errors: PlanFieldError[] } {
  const errors: PlanFieldError[] = [];
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const dateField = (field: 'startDate' | 'signedBy' | 'handedOverBy', label: { zh: string; en: string }) => {
    const value = record[field];
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    errors.push({
      field,
      value: String(value ?? ''),
      zh: `${label.zh}必须是 YYYY-MM-DD 格式的有效日期`,
      en: `${label.en} must be a valid date written YYYY-MM-DD`,
    });
    return null;
  };
  const startDate = dateField('startDate', { zh: '开始日期', en: 'Start date' });
  const signedBy = dateField('signedBy', { zh: '签约完成日期', en: 'The 100 % signed date' });
  const handedOverBy = dateField('handedOverBy', { zh: '交地完成日期', en: 'The 100 % handed-over date' });
  if (startDate && signedBy && signedBy <= startDate) {
    errors.push({
      field: 'signedBy',
      value: signedBy,
      zh: `签约完成日期必须晚于开始日期（${startDate}）`,
      en: `The 100 % signed date must be after the start date (${startDate})`,
    });
  }
  if (startDate && handedOverBy && handedOverBy <= startDate) {
    errors.push({
      field: 'handedOverBy',
      value: handedOverBy,
      zh: `交地完成日期必须晚于开始日期（${startDate}）`,
      en: `The 100 % handed-over date must be after the start date (${startDate})`,
    });
  } else if (signedBy && handedOverBy && handedOverBy < signedBy) {
    // Land is handed over only after its household signed (or was ruled): the last handover cannot precede the last signing.
    errors.push({
      field: 'handedOverBy',
      value: handedOverBy,
      zh: `交地完成日期不能早于签约完成日期（${signedBy}）`,
      en: `The 100 % handed-over date cannot be before the 100 % signed date (${signedBy})`,
    });
  }
  const milestones: PlanMilestone[] = [];
  const rawMilestones = record.milestones ?? [];
  if (!Array.isArray(rawMilestones)) {
    errors.push({
      field: 'milestones',
      value: String(rawMilestones),
      zh: '阶段目标必须是数组',
      en: 'Milestones must be an array',
    });
  } else {
    rawMilestones.forEach((raw: unknown, index) => {
      const field = `milestones[${index}]`;
      const milestone = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const date = milestone.date;
      if (typeof date !== 'string' || !isCalendarDate(date)) {
        errors.push({
          field: `${field}.date`,
          value: String(date ?? ''),
          zh: `第 ${index + 1} 个阶段目标的日期必须是 YYYY-MM-DD 格式的有效日期`,
          en: `Milestone ${index + 1}: the date must be a valid date written YYYY-MM-DD`,
        });
        return;
      }
      const parsed: PlanMilestone = { date };
      for (const measure of ['signed', 'handedOver'] as const) {
        const key = shareKey(measure);
        const value = milestone[key];
        if (value === undefined || value === null) continue;
        if (!isShare(value)) {
          errors.push({
            field: `${field}.${key}`,
            value: String(value),
            zh: `第 ${index + 1} 个阶段目标的${MEASURE_LABELS[measure].zh}比例必须是 0 到 1 之间的小数（不含 0 和 1）`,
            en: `Milestone ${index + 1}: the ${MEASURE_LABELS[measure].en} share must be a number between 0 and 1 (exclusive)`,
          });
          continue;
        }
        const target = MEASURE_LABELS[measure].target === 'signedBy' ? signedBy : handedOverBy;
        if ((startDate && date <= startDate) || (target && date >= target)) {
          errors.push({
            field: `${field}.date`,
            value: date,
            zh: `第 ${index + 1} 个阶段目标的日期必须在开始日期与${MEASURE_LABELS[measure].zh}完成日期之间`,
            en: `Milestone ${index + 1}: the date must lie between the start date and the 100 % ${MEASURE_LABELS[measure].en} date`,
          });
          continue;
        }
        parsed[key] = value;
      }
      if (parsed.signedShare === undefined && parsed.handedOverShare === undefined) {
        if (!errors.some((error) => error.field.startsWith(field))) {
          errors.push({
            field,
            value: JSON.stringify(raw),
            zh: `第 ${index + 1} 个阶段目标没有签约或交地比例`,
            en: `Milestone ${index + 1} has neither a signed nor a handed-over share`,
          });
        }
        return;
      }
      milestones.push(parsed);
    });
  }
  milestones.sort((left, right) => left.date.localeCompare(right.date));
  for (const measure of ['signed', 'handedOver'] as const) {
    const key = shareKey(measure);
    let previous: PlanMilestone | null = null;
    for (const milestone of milestones) {
      const share = milestone[key];
      if (share === undefined) continue;
      if (previous && (previous.date === milestone.date || share <= (previous[key] as number))) {
        errors.push({
          field: 'milestones',
          value: `${milestone.date}: ${share}`,
          zh: `阶段目标的${MEASURE_LABELS[measure].zh}比例必须随日期递增（${previous.date} 为 ${previous[key]}，${milestone.date} 为 ${share}）`,
          en: `Milestone ${MEASURE_LABELS[measure].en} shares must increase with the date (${previous.date}: ${previous[key]}, ${milestone.date}: ${share})`,
        });
      }
      previous = milestone;
    }
  }
  if (errors.length > 0 || !startDate || !signedBy || !handedOverBy) return { ok: false, errors };
  return { ok: true, input: { startDate, signedBy, handedOverBy, milestones } };
}
