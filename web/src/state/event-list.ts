/**
 * Lists of audit-log events (the latest-changes feed, a parcel's history) as pure merges. Event ids are the log's
 * sequence and the SSE ids, so they order the list and recognise a message seen twice (our own write comes back
 * over the stream; a reconnection replays from `Last-Event-ID`).
 */
import type { ParcelEvent } from '../../../server/domain/events.ts';
import { PROBLEM_STATUSES } from '../../../server/domain/problems.ts';
import { AXES, type StatusDefinition, statusDefinition } from '../../../server/domain/statuses.ts';

export type EventOrder = 'newest-first' | 'oldest-first';

/** `current` plus the events of `incoming` it does not hold, in id order, at most `limit` (keeping the newest). */
export function mergeEvents(
  current: readonly ParcelEvent[],
  incoming: readonly ParcelEvent[],
  order: EventOrder,
  limit = Number.POSITIVE_INFINITY,
): readonly ParcelEvent[] {
  const known = new Set(current.map((event) => event.id));
  const added = incoming.filter((event) => !known.has(event.id) && known.add(event.id));
  if (added.length === 0 && current.length <= limit) return current;
  const newestFirst = [...current, ...added].sort((first, second) => second.id - first.id).slice(0, limit);
  return order === 'newest-first' ? newestFirst : newestFirst.reverse();
}

/** What an event's `from` and `to` are: a status of its axis, or a problem status (`none` before a report). */
export type EventStatus = Pick<StatusDefinition<string>, 'code' | 'zh' | 'en' | 'color'>;

export interface EventDescription {
  /** 签约 / 拆除 from the domain's axis table; null for a problem event (its label is the UI's "问题"). */
  axis: { zh: string; en: string } | null;
  from: EventStatus | null;
  to: EventStatus | null;
  isCorrection: boolean;
  isProblem: boolean;
}

export function eventStatus(event: Pick<ParcelEvent, 'axis'>, code: string): EventStatus | null {
  if (event.axis === 'problem') return PROBLEM_STATUSES.find((status) => status.code === code) ?? null;
  return statusDefinition(event.axis, code) ?? null;
}

export function describeEvent(event: ParcelEvent): EventDescription {
  return {
    axis: AXES.find((axis) => axis.code === event.axis) ?? null,
    from: eventStatus(event, event.from),
    to: eventStatus(event, event.to),
    isCorrection: event.kind === 'correction',
    isProblem: event.kind === 'problem' || event.axis === 'problem',
  };
}
