import type { ParcelEvent } from '../../../server/domain/events.ts';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import type { Problem } from '../../../server/domain/problems.ts';
import { laterInstant } from './live-summaries.ts';
import { type StreamState, useChangeStream } from './use-change-stream.ts';
import { type LatestEventsHandle, useLatestEvents } from './use-latest-events.ts';
import type { ParkDataHandle } from './use-park-data.ts';
import { type ProblemsHandle, useProblems } from './use-problems.ts';

export interface FieldUpdates {
  feed: LatestEventsHandle;
  problems: ProblemsHandle;
  stream: StreamState;
  /** Where a write's answer goes: the same three places a pushed change goes. */
  apply(result: {
    parcels?: readonly ParcelSummary[];
    events?: readonly ParcelEvent[];
    problems?: readonly Problem[];
  }): void;
}

/**
 * The live path. Every committed change arrives once over the stream with the parcel's new summary and, for a
 * problem action, the problem: the summary replaces the old one in memory (the map re-colours, the numbers follow),
 * the event goes to the feed, the problem to the list and the markers. Nothing is re-read, except after a
 * (re)connection, when the summaries, the feed and the problems are read once to cover what may have been missed.
 */
export function useFieldUpdates(
  park: ParkDataHandle,
  /** False holds the feed, the problems and the stream back (until the map has drawn: `usePanelsAfterMap`). */
  panelsReady: boolean,
): FieldUpdates {
  const enabled = park.data.status === 'ready' && panelsReady;
  const feed = useLatestEvents(enabled);
  const problems = useProblems(enabled);
  const apply: FieldUpdates['apply'] = (result) => {
    if (result.parcels?.length) {
      const recorded = result.events?.map((event) => event.recordedAt) ?? [];
      park.applyParcels(result.parcels, recorded.length > 0 ? recorded.reduce(laterInstant) : undefined);
    }
    if (result.events?.length) feed.add(result.events);
    if (result.problems?.length) problems.add(result.problems);
  };
  const stream = useChangeStream(enabled, {
    onChanges: (changes) =>
      apply({
        parcels: changes.map((change) => change.parcel),
        events: changes.map((change) => change.event),
        problems: changes.flatMap((change) => (change.problem ? [change.problem] : [])),
      }),
    onReady: () => {
      park.refresh();
      feed.reload();
      problems.reload();
    },
  });
  return { feed, problems, stream, apply };
}
