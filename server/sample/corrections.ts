import type { Axis } from '../domain/statuses.ts';
import { pickNote } from './event-notes.ts';
import type { HistoryParcel, ParcelPlan, Step } from './history.ts';
import type { Random } from './prng.ts';

/**
 * About 20 command-centre corrections per 8,000 parcels: a status moved back with a reason, then forward again by
 * the team. Each pair sits in a quiet spell between two of the parcel's events, so the final statuses do not
 * change, and signing is only corrected while clearance is still `occupied` (as the transition rules demand).
 */
export function addCorrections(
  random: Random,
  plans: ParcelPlan[],
  parcels: readonly HistoryParcel[],
  villageCodes: readonly string[],
): void {
  const wanted = Math.max(3, Math.round((20 * parcels.length) / 8000));
  const kinds = [
    { to: 'signed', back: 'appraised', axis: 'signing' as Axis, share: 0.6 },
    { to: 'appraised', back: 'surveyed', axis: 'signing' as Axis, share: 0.25 },
    { to: 'vacated', back: 'occupied', axis: 'clearance' as Axis, share: 0.15 },
  ];
  const order = random.shuffle(plans.map((plan) => plan.parcel));
  for (const kind of kinds) {
    let remaining = Math.round(wanted * kind.share);
    for (const parcelIndex of order) {
      if (remaining <= 0) break;
      const plan = plans[parcelIndex] as ParcelPlan;
      const at = plan.steps.findIndex((step) => step.axis === kind.axis && step.to === kind.to);
      if (at === -1 || plan.steps.some((step) => step.user === 'hq' && step.from === kind.to)) continue;
      const step = plan.steps[at] as Step;
      const nextTime = plan.steps[at + 1]?.time ?? 0.998;
      if (nextTime - step.time < 0.03) continue;
      const parcel = parcels[parcelIndex] as HistoryParcel;
      const team = `team-${(villageCodes[parcel.village] ?? '').toLowerCase()}`;
      const gap = nextTime - step.time;
      const back: Step = {
        axis: kind.axis,
        from: kind.to,
        to: kind.back,
        time: step.time + gap * random.range(0.2, 0.4),
        user: 'hq',
        note: pickNote(random, `${kind.axis}:${kind.to}>${kind.back}`, '更正'),
      };
      const again: Step = {
        axis: kind.axis,
        from: kind.back,
        to: kind.to,
        time: step.time + gap * random.range(0.6, 0.8),
        user: team,
        note: pickNote(random, `${kind.axis}:${kind.back}>${kind.to}:redo`),
      };
      plan.steps.splice(at + 1, 0, back, again);
      remaining--;
    }
  }
}
