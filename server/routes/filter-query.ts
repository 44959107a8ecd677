/** Reads the shared parcel filter from a request's query string (one parser for the web URL and the API). */
import { type FilterParseResult, parseParcelFilter } from '../domain/filters.ts';
import type { ParcelStore } from '../store/parcel-store.ts';

export function filterFromUrl(url: string, store: ParcelStore): FilterParseResult {
  return parseParcelFilter(
    new URL(url).searchParams,
    store.villages().map((village) => village.code),
  );
}
