/**
 * 查找户: instant search over the summaries already in memory (no request per keystroke: a team searches in the
 * field on a weak connection). Matches the holder's name and the parcel code; with several words, every word must
 * match the holder, the code, the village name or the group (e.g. "杉木 刘").
 */
import type { ParcelSummary } from '../../../server/domain/parcel.ts';

export interface SearchResults {
  parcels: ParcelSummary[];
  /** How many parcels matched in all (the list shows at most `limit`). */
  total: number;
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Lower is better: the exact name or code, then a name or code that starts with the words, then anything else. */
function rank(parcel: ParcelSummary, query: string): number {
  const holder = parcel.holder.toLowerCase();
  const code = parcel.code.toLowerCase();
  if (holder === query || code === query) return 0;
  if (holder.startsWith(query)) return 1;
  if (code.endsWith(query)) return 2;
  if (holder.includes(query) || code.includes(query)) return 3;
  return 4;
}

export function searchParcels(
  parcels: readonly ParcelSummary[],
  text: string,
  options: {
    villageNames?: ReadonlyMap<string, { zh: string; en: string }>;
    /** A team's own villages come first: those are the households it can update. */
    preferredVillages?: readonly string[];
    limit?: number;
  } = {},
): SearchResults {
  const query = normalise(text);
  if (query.length === 0) return { parcels: [], total: 0 };
  const words = query.split(' ');
  const limit = options.limit ?? 8;
  const preferred = options.preferredVillages ?? [];
  const matches: { parcel: ParcelSummary; score: number }[] = [];
  for (const parcel of parcels) {
    const name = options.villageNames?.get(parcel.village);
    const haystack = [
      parcel.holder,
      parcel.code,
      parcel.group,
      parcel.village,
      name?.zh ?? '',
      name?.en ?? '',
    ]
      .join('\u0000')
      .toLowerCase();
    if (!words.every((word) => haystack.includes(word))) continue;
    const score =
      rank(parcel, query) * 2 + (preferred.length > 0 && !preferred.includes(parcel.village) ? 1 : 0);
    matches.push({ parcel, score });
  }
  matches.sort(
    (first, second) => first.score - second.score || first.parcel.code.localeCompare(second.parcel.code),
  );
  return { parcels: matches.slice(0, limit).map((match) => match.parcel), total: matches.length };
}
