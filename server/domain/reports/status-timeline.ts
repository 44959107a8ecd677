/**
 * The status event log as columns of typed arrays, kept in memory by the store (built at open, appended on every
 * commit), so that "every household's status at instant t" is one pass over numbers, not over objects or SQL.
 *
 * Order: events are kept in commit (id) order. The store refuses a status change whose field time `at` is earlier
 * than the household's last status change (rule `before-last-change`), so for one parcel and axis, id order is
 * also `at` order. That is what makes the backward replay in `statusesBefore` exact.
 */
import { CLEARANCE_INDEX, SIGNING_INDEX } from '../parcel-columns.ts';
import { PROBLEM_STATUSES, type ProblemStatus } from '../problems.ts';
import type { Axis } from '../statuses.ts';

export const AXIS_INDEX: Record<Axis, number> = { signing: 0, clearance: 1 };

const PROBLEM_INDEX = new Map<string, number>(PROBLEM_STATUSES.map((status, index) => [status.code, index]));
export const RESOLVED_PROBLEM_INDEX = PROBLEM_INDEX.get('resolved') as number;

/** Position of a status code in SIGNING_STATUSES / CLEARANCE_STATUSES (the table `/api/meta` serves). */
export function statusIndex(axis: Axis, code: string): number {
  const index = (axis === 'signing' ? SIGNING_INDEX : CLEARANCE_INDEX).get(code);
  if (index === undefined) throw new Error(`unknown ${axis} status "${code}"`);
  return index;
}

/** A growable column of numbers (capacity doubles, so appends are amortised O(1)). */
class Column<Values extends Float64Array | Int32Array | Uint8Array> {
  values: Values;
  constructor(private readonly make: (length: number) => Values) {
    this.values = make(64);
  }
  set(index: number, value: number): void {
    if (index >= this.values.length) {
      const grown = this.make(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[index] = value;
  }
}

export interface StatusEventInput {
  parcelIndex: number;
  axis: Axis;
  from: string;
  to: string;
  /** Field time in epoch milliseconds. */
  at: number;
}

export interface ProblemEventInput {
  problemId: number;
  parcelIndex: number;
  /** The problem's status after the event (`open`, `assigned`, `resolved`). */
  to: ProblemStatus | string;
  at: number;
}

export class StatusTimeline {
  /** Number of parcels: parcel indexes run 0 … parcelCount − 1, in `store.parcels()` order. */
  readonly parcelCount: number;
  length = 0;
  problemLength = 0;
  /** Earliest field time of any status event (Infinity when there is none). */
  firstAt = Number.POSITIVE_INFINITY;
  private readonly parcelColumn = new Column((length) => new Int32Array(length));
  private readonly axisColumn = new Column((length) => new Uint8Array(length));
  private readonly fromColumn = new Column((length) => new Uint8Array(length));
  private readonly toColumn = new Column((length) => new Uint8Array(length));
  private readonly atColumn = new Column((length) => new Float64Array(length));
  private readonly problemIdColumn = new Column((length) => new Int32Array(length));
  private readonly problemParcelColumn = new Column((length) => new Int32Array(length));
  private readonly problemStatusColumn = new Column((length) => new Uint8Array(length));
  private readonly problemAtColumn = new Column((length) => new Float64Array(length));
  /** Field time of each parcel's latest status event (−Infinity when it has none): the `before-last-change` rule. */
  readonly lastStatusAt: Float64Array;

  constructor(parcelCount: number) {
    this.parcelCount = parcelCount;
    this.lastStatusAt = new Float64Array(parcelCount).fill(Number.NEGATIVE_INFINITY);
  }

  appendStatus(event: StatusEventInput): void {
    const index = this.length;
    this.parcelColumn.set(index, event.parcelIndex);
    this.axisColumn.set(index, AXIS_INDEX[event.axis]);
    this.fromColumn.set(index, statusIndex(event.axis, event.from));
    this.toColumn.set(index, statusIndex(event.axis, event.to));
    this.atColumn.set(index, event.at);
    this.length = index + 1;
    if (event.at < this.firstAt) this.firstAt = event.at;
    if (event.at > (this.lastStatusAt[event.parcelIndex] as number))
      this.lastStatusAt[event.parcelIndex] = event.at;
  }

  appendProblem(event: ProblemEventInput): void {
    const status = PROBLEM_INDEX.get(event.to);
    if (status === undefined) throw new Error(`unknown problem status "${event.to}"`);
    const index = this.problemLength;
    this.problemIdColumn.set(index, event.problemId);
    this.problemParcelColumn.set(index, event.parcelIndex);
    this.problemStatusColumn.set(index, status);
    this.problemAtColumn.set(index, event.at);
    this.problemLength = index + 1;
  }

  /** Read-only views of the columns, `length` long (valid until the next append). */
  statusColumns(): {
    parcelIndex: Int32Array;
    axis: Uint8Array;
    from: Uint8Array;
    to: Uint8Array;
    at: Float64Array;
  } {
    const length = this.length;
    return {
      parcelIndex: this.parcelColumn.values.subarray(0, length),
      axis: this.axisColumn.values.subarray(0, length),
      from: this.fromColumn.values.subarray(0, length),
      to: this.toColumn.values.subarray(0, length),
      at: this.atColumn.values.subarray(0, length),
    };
  }

  problemColumns(): { problemId: Int32Array; parcelIndex: Int32Array; status: Uint8Array; at: Float64Array } {
    const length = this.problemLength;
    return {
      problemId: this.problemIdColumn.values.subarray(0, length),
      parcelIndex: this.problemParcelColumn.values.subarray(0, length),
      status: this.problemStatusColumn.values.subarray(0, length),
      at: this.problemAtColumn.values.subarray(0, length),
    };
  }
}

/** Every parcel's current statuses as indexes into the status tables (the state the backward replay starts from). */
export interface StatusArrays {
  signing: Uint8Array;
  clearance: Uint8Array;
}

/** The statuses now, as the timeline indexes them: the same columns `toParcelColumns` keeps (tests build them). */
export function currentStatusArrays(
  parcels: readonly { signing: string; clearance: string }[],
): StatusArrays {
  const signing = new Uint8Array(parcels.length);
  const clearance = new Uint8Array(parcels.length);
  parcels.forEach((parcel, index) => {
    signing[index] = statusIndex('signing', parcel.signing);
    clearance[index] = statusIndex('clearance', parcel.clearance);
  });
  return { signing, clearance };
}

/**
 * Every parcel's statuses just before `endExclusive` (epoch ms): events with `at < endExclusive` count.
 *
 * Backward replay from the current state: each event at or after the end is undone (status := its `from`), newest
 * first. For a parcel and axis this leaves the `from` of its first event after the end — which, because per parcel
 * id order is `at` order and each event's `from` is the previous `to`, is the `to` of its last event before the
 * end; before its first event, that event's `from`; a parcel with no events keeps its current status. Starting from
 * the current state makes "as of now" equal the current statistics by construction.
 */
export function statusesBefore(
  timeline: StatusTimeline,
  current: StatusArrays,
  endExclusive: number,
): StatusArrays {
  const signing = current.signing.slice();
  const clearance = current.clearance.slice();
  const { parcelIndex, axis, from, at } = timeline.statusColumns();
  for (let index = timeline.length - 1; index >= 0; index--) {
    if ((at[index] as number) < endExclusive) continue;
    const parcel = parcelIndex[index] as number;
    if (axis[index] === 0) signing[parcel] = from[index] as number;
    else clearance[parcel] = from[index] as number;
  }
  return { signing, clearance };
}

/**
 * Problem ids that are open (reported and not resolved) just before `endExclusive`, with their parcel index. A
 * problem's status at the end is the `to` of its latest event (by field time, then id) before the end.
 */
export function openProblemsBefore(timeline: StatusTimeline, endExclusive: number): Map<number, number> {
  const { problemId, parcelIndex, status, at } = timeline.problemColumns();
  const latest = new Map<number, { at: number; status: number; parcel: number }>();
  for (let index = 0; index < timeline.problemLength; index++) {
    const time = at[index] as number;
    if (time >= endExclusive) continue;
    const id = problemId[index] as number;
    const previous = latest.get(id);
    if (previous && previous.at > time) continue;
    latest.set(id, { at: time, status: status[index] as number, parcel: parcelIndex[index] as number });
  }
  const open = new Map<number, number>();
  for (const [id, state] of latest) if (state.status !== RESOLVED_PROBLEM_INDEX) open.set(id, state.parcel);
  return open;
}
