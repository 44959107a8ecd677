/**
 * Serialisation of a generated park: GeoJSON with one feature per line (diffs of the committed sample stay
 * readable line by line) and RFC 4180 CSV for the events. UTF-8, LF line endings, no BOM, a final newline.
 */
import type { FeatureCollection } from 'geojson';
import type { SampleEvent } from './types.ts';

export function featureCollectionText(collection: FeatureCollection): string {
  const lines = collection.features.map((feature) => JSON.stringify(feature));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

export const EVENT_COLUMNS = ['id', 'parcelCode', 'axis', 'from', 'to', 'at', 'user', 'note'] as const;

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, with quotes doubled. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function eventsCsvText(events: readonly SampleEvent[]): string {
  const rows = events.map((event) => EVENT_COLUMNS.map((column) => csvField(event[column])).join(','));
  return `${EVENT_COLUMNS.join(',')}\n${rows.join('\n')}\n`;
}
