/**
 * The status history (events.csv) and, from it, every parcel's final statuses.
 *
 * Each village has a progress profile (one nearly done, one barely started, the rest in between). Within a village
 * the work team goes group by group, officials' households first (干部户 lead), so a parcel's rank decides how far
 * it has got: the first 90 % of ranks are signed, the first 60 % handed over, and so on. Each stage moves like a
 * front through the ranks over the 60 days, which gives every event a time; times of one parcel always increase.
 * The final statuses are by construction what replaying the events from (unsurveyed, occupied) gives.
 */
import type { Axis, ClearanceStatus, SigningStatus } from '../domain/statuses.ts';
import { WorkCalendar } from './calendar.ts';
import { addCorrections } from './corrections.ts';
import { pickNote } from './event-notes.ts';
import type { Random } from './prng.ts';
import { PROGRESS_PROFILES, type ProgressProfile } from './progress-profiles.ts';
import type { SampleEvent } from './types.ts';

/** Lag between one stage's front starting and the next one's (fraction of the window, ≈3 days). */
const STAGE_LAG = 0.05;
/** Minimum time between two events of one parcel (fraction of the window, ≈2 working hours). */
const MINIMUM_GAP = 0.004;
/** The first two days of the window, where surveys made before it are logged. */
const PRE_WINDOW_SPAN = 0.03;

export interface HistoryParcel {
  code: string;
  village: number;
  group: number;
  hasBuilding: boolean;
  cadre: boolean;
}

export interface History {
  signing: SigningStatus[];
  clearance: ClearanceStatus[];
  events: SampleEvent[];
}

export interface Step {
  axis: Axis;
  from: string;
  to: string;
  /** Fraction of the window. */
  time: number;
  user: string;
  note: string;
}

export interface ParcelPlan {
  parcel: number;
  signing: SigningStatus;
  clearance: ClearanceStatus;
  steps: Step[];
}

export function generateHistory(
  random: Random,
  parcels: readonly HistoryParcel[],
  villageCodes: readonly string[],
): History {
  const calendar = new WorkCalendar(random.fork('calendar'));
  const profileOrder = random.fork('profiles').shuffle(PROGRESS_PROFILES.map((_, index) => index));
  const plans: ParcelPlan[] = parcels.map((_, parcel) => ({
    parcel,
    signing: 'unsurveyed',
    clearance: 'occupied',
    steps: [],
  }));

  villageCodes.forEach((villageCode, village) => {
    const villageRandom = random.fork(`history-${villageCode}`);
    const profile = PROGRESS_PROFILES[
      profileOrder[village % profileOrder.length] as number
    ] as ProgressProfile;
    const team = `team-${villageCode.toLowerCase()}`;
    const members = parcels
      .map((parcel, index) => ({ parcel, index }))
      .filter((entry) => entry.parcel.village === village);
    const groupOrder = villageRandom.shuffle(
      [...new Set(members.map((entry) => entry.parcel.group))].sort((a, b) => a - b),
    );
    const groupRank = new Map(
      groupOrder.map((group, rank) => [group, rank / Math.max(1, groupOrder.length)]),
    );
    const ranked = members
      .map((entry) => ({
        ...entry,
        score:
          0.6 * (groupRank.get(entry.parcel.group) ?? 0) +
          0.4 * villageRandom.next() -
          (entry.parcel.cadre ? 0.35 : 0),
      }))
      .sort((first, second) => first.score - second.score || first.index - second.index);
    const count = Math.max(1, ranked.length);
    const signedCount = Math.round(profile.signed * count);
    // Holdouts end up ruled: never officials' households, and among the later ranks of the signed share.
    const ruledIndices = new Set<number>();
    const holdoutPool = ranked
      .slice(Math.floor(signedCount * 0.4), signedCount)
      .filter((entry) => !entry.parcel.cadre);
    villageRandom.shuffle(holdoutPool);
    for (const entry of holdoutPool.slice(0, Math.round(profile.ruledShare * signedCount)))
      ruledIndices.add(entry.index);

    ranked.forEach((entry, rank) => {
      const rankFraction = rank / count;
      const plan = plans[entry.index] as ParcelPlan;
      const stepRandom = villageRandom.fork(`parcel-${entry.parcel.code}`);
      const times: number[] = [];
      const stages: { axis: Axis; from: string; to: string }[] = [];
      const front = (start: number, stop: number, share: number) =>
        start + (stop - start) * (rankFraction / share) + stepRandom.range(-0.015, 0.015);
      if (rankFraction < profile.surveyed) {
        const preShare = profile.preSurveyed * profile.surveyed;
        const start = Math.max(profile.start, profile.preSurveyed > 0 ? PRE_WINDOW_SPAN : 0);
        times.push(
          rankFraction < preShare
            ? stepRandom.range(0, PRE_WINDOW_SPAN)
            : start +
                (profile.surveyStop - start) * ((rankFraction - preShare) / (profile.surveyed - preShare)) +
                stepRandom.range(0, 0.015),
        );
        stages.push({ axis: 'signing', from: 'unsurveyed', to: 'surveyed' });
      }
      if (rankFraction < profile.appraised) {
        times.push(front(profile.start + STAGE_LAG, profile.appraiseStop, profile.appraised));
        stages.push({ axis: 'signing', from: 'surveyed', to: 'appraised' });
      }
      if (rankFraction < profile.signed) {
        const ruled = ruledIndices.has(entry.index);
        // A ruling takes longer than a signature: notice, hearing, decision.
        times.push(
          front(profile.start + 2 * STAGE_LAG, profile.signStop, profile.signed) +
            (ruled ? stepRandom.range(0.04, 0.1) : 0),
        );
        stages.push({ axis: 'signing', from: 'appraised', to: ruled ? 'ruled' : 'signed' });
        if (!entry.parcel.hasBuilding) {
          if (rankFraction < profile.vacated) {
            times.push(front(profile.start + 3 * STAGE_LAG, 1, profile.vacated));
            stages.push({ axis: 'clearance', from: 'occupied', to: 'handedOver' });
          }
        } else {
          const clearanceStages: [number, string, string][] = [
            [profile.vacated, 'occupied', 'vacated'],
            [profile.demolished, 'vacated', 'demolished'],
            [profile.handedOver, 'demolished', 'handedOver'],
          ];
          clearanceStages.forEach(([share, from, to], stage) => {
            if (rankFraction >= share) return;
            times.push(front(profile.start + (3 + stage) * STAGE_LAG, 1, share));
            stages.push({ axis: 'clearance', from, to });
          });
        }
      }
      orderTimes(times);
      stages.forEach((stage, index) => {
        const forwardByHq = stepRandom.chance(0.015);
        plan.steps.push({
          ...stage,
          time: times[index] as number,
          user: forwardByHq ? 'hq' : team,
          note: pickNote(stepRandom, `${stage.axis}:${stage.from}>${stage.to}`),
        });
        if (stage.axis === 'signing') plan.signing = stage.to as SigningStatus;
        else plan.clearance = stage.to as ClearanceStatus;
      });
    });
  });

  addCorrections(random.fork('corrections'), plans, parcels, villageCodes);
  return {
    signing: plans.map((plan) => plan.signing),
    clearance: plans.map((plan) => plan.clearance),
    events: toEvents(plans, parcels, calendar),
  };
}

/** Makes a parcel's event times strictly increasing, at least MINIMUM_GAP apart, and inside the window. */
function orderTimes(times: number[]): void {
  const last = times.length - 1;
  for (let index = 0; index <= last; index++) {
    const floor = index === 0 ? 0 : (times[index - 1] as number) + MINIMUM_GAP;
    times[index] = Math.max(times[index] as number, floor);
  }
  const ceiling = 1 - 0.002;
  for (let index = last; index >= 0; index--) {
    const limit = index === last ? ceiling : (times[index + 1] as number) - MINIMUM_GAP;
    times[index] = Math.min(times[index] as number, limit);
  }
}

function toEvents(
  plans: readonly ParcelPlan[],
  parcels: readonly HistoryParcel[],
  calendar: WorkCalendar,
): SampleEvent[] {
  const timed: { seconds: number; parcel: number; sequence: number; step: Step }[] = [];
  for (const plan of plans) {
    plan.steps.forEach((step, sequence) => {
      timed.push({ seconds: calendar.secondsAt(step.time), parcel: plan.parcel, sequence, step });
    });
  }
  timed.sort(
    (first, second) =>
      first.seconds - second.seconds || first.parcel - second.parcel || first.sequence - second.sequence,
  );
  return timed.map((entry, index) => ({
    id: index + 1,
    parcelCode: (parcels[entry.parcel] as HistoryParcel).code,
    axis: entry.step.axis,
    from: entry.step.from,
    to: entry.step.to,
    at: calendar.format(entry.seconds),
    user: entry.step.user,
    note: entry.step.note,
  }));
}
