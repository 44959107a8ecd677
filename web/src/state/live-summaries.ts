/**
 * Keeping the in-memory parcel summaries current without re-reading them: a change pushed over Server-Sent Events
 * (or returned by our own write) carries the parcel's whole new summary, which replaces the old one in place.
 * Every summary carries a `version` that goes up by one with each change, so whichever arrives late, an older
 * summary never overwrites a newer one (a periodic re-read racing a pushed change, a replayed SSE message).
 */
import type { ParcelSummary } from '../../../server/domain/parcel.ts';

/**
 * The summaries with each update applied where it is newer than what is held. Returns the same array when nothing
 * changed, so the map does not redraw and the statistics are not recomputed for a stale or repeated message.
 * Updates for unknown parcels are ignored: the geometry, and so the map, does not have them.
 */
export function applyParcelSummaries(
  parcels: readonly ParcelSummary[],
  updates: readonly ParcelSummary[],
  index: ReadonlyMap<number, number>,
): readonly ParcelSummary[] {
  let next: ParcelSummary[] | null = null;
  for (const update of updates) {
    const position = index.get(update.id);
    if (position === undefined) continue;
    const held = (next ?? parcels)[position];
    if (held && held.version >= update.version) continue;
    next ??= parcels.slice();
    next[position] = update;
  }
  return next ?? parcels;
}

/**
 * A full re-read (`GET /api/parcels/summaries`, already in geometry order) merged with what is held: per parcel the
 * higher version wins. The same array comes back when the re-read holds nothing newer.
 */
export function mergeRefreshedSummaries(
  parcels: readonly ParcelSummary[],
  refreshed: readonly ParcelSummary[],
): readonly ParcelSummary[] {
  if (refreshed.length !== parcels.length) return refreshed;
  let next: ParcelSummary[] | null = null;
  refreshed.forEach((fresh, position) => {
    const held = parcels[position] as ParcelSummary;
    if (held.id !== fresh.id || fresh.version > held.version) {
      next ??= parcels.slice();
      next[position] = fresh;
    }
  });
  return next ?? parcels;
}

/** The later of two ISO 8601 instants (the data's as-of time only moves forward). */
export function laterInstant(first: string, second: string): string {
  const firstTime = Date.parse(first);
  const secondTime = Date.parse(second);
  if (Number.isNaN(secondTime)) return first;
  if (Number.isNaN(firstTime)) return second;
  return secondTime > firstTime ? second : first;
}
