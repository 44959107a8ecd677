/**
 * The plan editor's form: text fields as typed (percentages, dates), checked here before anything is sent, with
 * one bilingual message per field. The server checks again (400 with field errors); these rules only spare the
 * round trip and say which field is wrong.
 */
import type {
  PlanMilestone,
  VillagePlan,
  VillagePlanInput,
} from '../../../server/domain/reports/report-types.ts';
import { isCalendarDate } from '../state/time-slider-dates.ts';

export interface MilestoneFields {
  date: string;
  /** Percent as typed, '' for none. */
  signedPercent: string;
  handedOverPercent: string;
}

export interface PlanFields {
  startDate: string;
  signedBy: string;
  handedOverBy: string;
  milestones: MilestoneFields[];
}

export interface PlanFieldError {
  /** `startDate`, `signedBy`, `handedOverBy`, `milestones[2].date`, `milestones[2].signedShare`, … (the server's names) */
  field: string;
  zh: string;
  en: string;
}

export type PlanValidation = { ok: true; input: VillagePlanInput } | { ok: false; errors: PlanFieldError[] };

/** Shares travel as fractions; the form shows percent with at most two decimals. */
function percentText(share: number | undefined): string {
  return share === undefined ? '' : String(Math.round(share * 10_000) / 100);
}

export function planFields(plan: VillagePlan | null, today: string): PlanFields {
  if (!plan) return { startDate: today, signedBy: '', handedOverBy: '', milestones: [] };
  return {
    startDate: plan.startDate,
    signedBy: plan.signedBy,
    handedOverBy: plan.handedOverBy,
    milestones: plan.milestones.map((milestone) => ({
      date: milestone.date,
      signedPercent: percentText(milestone.signedShare),
      handedOverPercent: percentText(milestone.handedOverShare),
    })),
  };
}

const DATE_LABELS = {
  startDate: { zh: '开工日期', en: 'Start date' },
  signedBy: { zh: '签约 100% 日期', en: '100 % signed date' },
  handedOverBy: { zh: '交地 100% 日期', en: '100 % handed-over date' },
} as const;

/** A percentage field: '' → undefined; otherwise a number strictly between 0 and 100 (0 and 100 % are the plan's ends). */
function parsePercent(text: string): { share?: number; error?: true } {
  const trimmed = text.trim().replace(/[%％]$/, '');
  if (trimmed === '') return {};
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value <= 0 || value >= 100) return { error: true };
  return { share: value / 100 };
}

export function validatePlanFields(fields: PlanFields): PlanValidation {
  const errors: PlanFieldError[] = [];
  for (const key of ['startDate', 'signedBy', 'handedOverBy'] as const) {
    const value = fields[key].trim();
    const label = DATE_LABELS[key];
    if (value === '') {
      errors.push({ field: key, zh: `请填写${label.zh}`, en: `${label.en} is required` });
    } else if (!isCalendarDate(value)) {
      errors.push({
        field: key,
        zh: `${label.zh}不是有效日期（年-月-日）`,
        en: `${label.en} is not a date (YYYY-MM-DD)`,
      });
    }
  }
  const start = fields.startDate.trim();
  const signedBy = fields.signedBy.trim();
  const handedOverBy = fields.handedOverBy.trim();
  const datesValid = [start, signedBy, handedOverBy].every((value) => isCalendarDate(value));
  if (datesValid) {
    if (signedBy <= start) {
      errors.push({
        field: 'signedBy',
        zh: '签约 100% 日期应晚于开工日期',
        en: 'The 100 % signed date must be after the start date',
      });
    }
    // A household is handed over only after signing (or a ruling): the park cannot be cleared before it is signed.
    if (handedOverBy < signedBy) {
      errors.push({
        field: 'handedOverBy',
        zh: '交地 100% 日期不能早于签约 100% 日期',
        en: 'The 100 % handed-over date cannot be before the 100 % signed date',
      });
    }
  }

  const milestones: PlanMilestone[] = [];
  const seenDates = new Set<string>();
  fields.milestones.forEach((fieldsOfMilestone, index) => {
    const number = index + 1;
    const date = fieldsOfMilestone.date.trim();
    const prefix = `milestones[${index}]`;
    let valid = true;
    if (!isCalendarDate(date)) {
      valid = false;
      errors.push({
        field: `${prefix}.date`,
        zh: `第 ${number} 个节点的日期无效（年-月-日）`,
        en: `Milestone ${number}: the date is not valid (YYYY-MM-DD)`,
      });
    } else if (datesValid && (date <= start || date >= handedOverBy)) {
      valid = false;
      errors.push({
        field: `${prefix}.date`,
        zh: `第 ${number} 个节点的日期应在开工日期与交地 100% 日期之间`,
        en: `Milestone ${number}: the date must lie between the start and the 100 % handed-over date`,
      });
    } else if (seenDates.has(date)) {
      valid = false;
      errors.push({
        field: `${prefix}.date`,
        zh: `第 ${number} 个节点的日期与其他节点重复`,
        en: `Milestone ${number}: another milestone has the same date`,
      });
    }
    seenDates.add(date);
    const signed = parsePercent(fieldsOfMilestone.signedPercent);
    const handedOver = parsePercent(fieldsOfMilestone.handedOverPercent);
    for (const [key, parsed, zhName, enName] of [
      ['signedShare', signed, '签约率', 'signed share'],
      ['handedOverShare', handedOver, '交地率', 'handed-over share'],
    ] as const) {
      if (parsed.error) {
        valid = false;
        errors.push({
          field: `${prefix}.${key}`,
          zh: `第 ${number} 个节点的${zhName}应为大于 0、小于 100 的数`,
          en: `Milestone ${number}: the ${enName} must be a number above 0 and below 100`,
        });
      }
    }
    if (!signed.error && !handedOver.error && signed.share === undefined && handedOver.share === undefined) {
      valid = false;
      errors.push({
        field: `${prefix}.signedShare`,
        zh: `第 ${number} 个节点至少填写签约率或交地率`,
        en: `Milestone ${number}: give a signed or a handed-over share`,
      });
    }
    // A signing target after the 100 % signing date would say less than the plan already does.
    if (valid && datesValid && signed.share !== undefined && date >= signedBy) {
      valid = false;
      errors.push({
        field: `${prefix}.date`,
        zh: `第 ${number} 个节点有签约率，日期应早于签约 100% 日期`,
        en: `Milestone ${number} has a signed share: its date must be before the 100 % signed date`,
      });
    }
    if (valid) {
      milestones.push({
        date,
        ...(signed.share === undefined ? {} : { signedShare: signed.share }),
        ...(handedOver.share === undefined ? {} : { handedOverShare: handedOver.share }),
      });
    }
  });

  // Cumulative targets grow: a later milestone at or below an earlier one is a typing error (the server agrees).
  const ordered = [...milestones].sort((first, second) => first.date.localeCompare(second.date));
  for (const key of ['signedShare', 'handedOverShare'] as const) {
    let previous = 0;
    for (const milestone of ordered) {
      const share = milestone[key];
      if (share === undefined) continue;
      if (share <= previous) {
        const name =
          key === 'signedShare'
            ? { zh: '签约率', en: 'signed share' }
            : { zh: '交地率', en: 'handed-over share' };
        errors.push({
          field: `milestones[${fields.milestones.findIndex((entry) => entry.date.trim() === milestone.date)}].${key}`,
          zh: `${milestone.date} 的${name.zh}应高于更早节点的目标`,
          en: `The ${name.en} of ${milestone.date} must be above an earlier milestone's`,
        });
      }
      previous = Math.max(previous, share);
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, input: { startDate: start, signedBy, handedOverBy, milestones: ordered } };
}

/** The errors of one field (form fields and the server's `details` use the same names). */
export function errorsOf(errors: readonly PlanFieldError[], field: string): PlanFieldError[] {
  return errors.filter((error) => error.field === field);
}
