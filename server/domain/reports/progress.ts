/**
 * The progress series behind the charts: cumulative signed and handed-over households at the end of every CST day,
 * per village and for the park, in one backward pass over the event log (not one replay per day).
 *
 * Events are bucketed by CST day with a counting sort that keeps id order inside a day; walking the days newest
 * first and each day's events in reverse id order undoes every household's events newest first (per household id
 * order is field-time order), so after undoing day d the state is exactly the state at the end of day d − 1.
 */
import { addDays, chinaDayEnd, chinaDayStart, chinaIsoString, daysBetween } from '../china-time.ts';
import { IS_HANDED_OVER, IS_SIGNED } from '../parcel-columns.ts';
import { expectedShareByDay } from './plans.ts';
import type { ReportParcels } from './report-parcels.ts';
import type { ProgressLine, ProgressSeries, VillagePlan } from './report-types.ts';
import type { StatusArrays, StatusTimeline } from './status-timeline.ts';

const DAY_MILLISECONDS = 24 * 60 * 60 * 1000;

export interface ProgressInput {
  /** First and last day, `YYYY-MM-DD` CST, inclusive. */
  from: string;
  to: string;
  facts: ReportParcels;
  timeline: StatusTimeline;
  current: StatusArrays;
  plans: ReadonlyMap<string, VillagePlan>;
}

export function buildProgressSeries(input: ProgressInput): ProgressSeries {
  const { facts, timeline, from, to } = input;
  const dayCount = Math.max(0, daysBetween(from, to) + 1);
  const dates = Array.from({ length: dayCount }, (_, index) => addDays(from, index));
  const firstStart = chinaDayStart(from);
  const lastEnd = chinaDayEnd(to);
  const villageCount = facts.villages.length;
  const { parcelIndex, axis, from: fromStatus, at } = timeline.statusColumns();

  // Bucket 0 … dayCount − 1 = the days; bucket dayCount = after the last day (undone first); events before the first
  // day are never undone (the series starts from the state they leave).
  const bucketOf = new Int32Array(timeline.length);
  const bucketSizes = new Int32Array(dayCount + 2);
  for (let index = 0; index < timeline.length; index++) {
    const time = at[index] as number;
    const bucket =
      time >= lastEnd
        ? dayCount
        : time < firstStart
          ? -1
          : Math.floor((time - firstStart) / DAY_MILLISECONDS);
    bucketOf[index] = bucket;
    if (bucket >= 0) bucketSizes[bucket + 1] = (bucketSizes[bucket + 1] as number) + 1;
  }
  const bucketStarts = new Int32Array(dayCount + 2);
  for (let bucket = 1; bucket <= dayCount + 1; bucket++)
    bucketStarts[bucket] = (bucketStarts[bucket - 1] as number) + (bucketSizes[bucket] as number);
  const order = new Int32Array(bucketStarts[dayCount + 1] as number);
  const fill = bucketStarts.slice();
  for (let index = 0; index < timeline.length; index++) {
    const bucket = bucketOf[index] as number;
    if (bucket < 0) continue;
    order[fill[bucket] as number] = index;
    fill[bucket] = (fill[bucket] as number) + 1;
  }

  const signing = input.current.signing.slice();
  const clearance = input.current.clearance.slice();
  const signedNow = new Int32Array(villageCount);
  const handedOverNow = new Int32Array(villageCount);
  const households = new Int32Array(villageCount);
  for (let index = 0; index < facts.villageIndex.length; index++) {
    const village = facts.villageIndex[index] as number;
    households[village] = (households[village] as number) + 1;
    if (IS_SIGNED[signing[index] as number]) signedNow[village] = (signedNow[village] as number) + 1;
    if (IS_HANDED_OVER[clearance[index] as number])
      handedOverNow[village] = (handedOverNow[village] as number) + 1;
  }
  const undoBucket = (bucket: number) => {
    for (
      let position = (bucketStarts[bucket + 1] as number) - 1;
      position >= (bucketStarts[bucket] as number);
      position--
    ) {
      const event = order[position] as number;
      const parcel = parcelIndex[event] as number;
      const village = facts.villageIndex[parcel] as number;
      const previous = fromStatus[event] as number;
      if (axis[event] === 0) {
        const change = Number(IS_SIGNED[previous]) - Number(IS_SIGNED[signing[parcel] as number]);
        signedNow[village] = (signedNow[village] as number) + change;
        signing[parcel] = previous;
      } else {
        const change = Number(IS_HANDED_OVER[previous]) - Number(IS_HANDED_OVER[clearance[parcel] as number]);
        handedOverNow[village] = (handedOverNow[village] as number) + change;
        clearance[parcel] = previous;
      }
    }
  };
  undoBucket(dayCount);
  // signedByDay[day * villageCount + village]; day −1 (the state before the first day) kept for the first "today".
  const signedByDay = new Int32Array((dayCount + 1) * villageCount);
  const handedOverByDay = new Int32Array((dayCount + 1) * villageCount);
  for (let day = dayCount - 1; day >= -1; day--) {
    signedByDay.set(signedNow, (day + 1) * villageCount);
    handedOverByDay.set(handedOverNow, (day + 1) * villageCount);
    if (day >= 0) undoBucket(day);
  }

  const plans = facts.villages.map((village) => input.plans.get(village.code));
  const line = (
    village: { code: string; name: string; nameEn: string },
    householdCount: number,
    value: (byDay: Int32Array, day: number) => number,
    planShares: { signed: (number | null)[]; handedOver: (number | null)[] },
  ): ProgressLine => {
    const signed = dates.map((_, day) => value(signedByDay, day + 1));
    const handedOver = dates.map((_, day) => value(handedOverByDay, day + 1));
    return {
      village: village.code,
      name: village.name,
      nameEn: village.nameEn,
      households: householdCount,
      signed,
      handedOver,
      signedToday: signed.map((count, day) => count - value(signedByDay, day)),
      handedOverToday: handedOver.map((count, day) => count - value(handedOverByDay, day)),
      planSignedShare: planShares.signed,
      planHandedOverShare: planShares.handedOver,
    };
  };
  // Each plan line is built once and read for every day; the park's is the household-weighted mean, given only
  // when every village with households has a plan (as in the daily report's total).
  const noPlan = dates.map(() => null);
  const villagePlanShares = plans.map((plan) =>
    plan
      ? {
          signed: expectedShareByDay(plan, 'signed', from, dayCount),
          handedOver: expectedShareByDay(plan, 'handedOver', from, dayCount),
        }
      : null,
  );
  const series = facts.villages.map((village, villageIndex) =>
    line(
      village,
      households[villageIndex] as number,
      (byDay, day) => byDay[day * villageCount + villageIndex] as number,
      villagePlanShares[villageIndex] ?? { signed: noPlan, handedOver: noPlan },
    ),
  );
  const householdList = Array.from(households);
  const parkHouseholds = householdList.reduce((sum, count) => sum + count, 0);
  const everyVillagePlanned =
    parkHouseholds > 0 && householdList.every((count, index) => count === 0 || villagePlanShares[index]);
  const parkShare = (measure: 'signed' | 'handedOver') =>
    everyVillagePlanned
      ? dates.map((_, day) => {
          let weighted = 0;
          householdList.forEach((count, index) => {
            if (count > 0) weighted += count * ((villagePlanShares[index]?.[measure][day] as number) ?? 0);
          });
          return weighted / parkHouseholds;
        })
      : noPlan;
  const sumOfDay = (byDay: Int32Array, day: number) => {
    let sum = 0;
    for (let village = 0; village < villageCount; village++)
      sum += byDay[day * villageCount + village] as number;
    return sum;
  };
  series.push(
    line({ code: 'total', name: '合计', nameEn: 'Total' }, parkHouseholds, sumOfDay, {
      signed: parkShare('signed'),
      handedOver: parkShare('handedOver'),
    }),
  );
  return { asOf: chinaIsoString(lastEnd), from, to, dates, series };
}
