/**
 * Downloads for the main thread, in a worker: the browser hands a response's bytes to the thread that reads it, and
 * while the map starts its WebGL context the main thread reads nothing for a second or more — megabytes of parcels
 * would wait in the pipe. Here they arrive meanwhile: bytes are handed over without a copy, and a summaries table
 * arrives packed (`packed-summary-wire.ts`; JSON from a server that sends only that is parsed and packed here), so
 * the main thread only turns columns into objects.
 */
import {
  type PackedSummariesBody,
  packSummariesBody,
  transferablesOf,
} from '../../../server/domain/packed-summary-table.ts';
import {
  decodePackedSummaries,
  PACKED_SUMMARIES_MEDIA_TYPE,
} from '../../../server/domain/packed-summary-wire.ts';
import type { DownloadRequest, DownloadResult } from './background-download.ts';

const scope = self as unknown as Worker;

/**
 * A summaries table as sent: packed already (`packed-summary-wire.ts`, what this worker asks for), or JSON to parse
 * and pack (a server or proxy that answers JSON only).
 */
function summariesOf(response: Response, bytes: ArrayBuffer): PackedSummariesBody {
  if (response.headers.get('Content-Type')?.startsWith(PACKED_SUMMARIES_MEDIA_TYPE)) {
    return decodePackedSummaries(bytes);
  }
  return packSummariesBody(JSON.parse(new TextDecoder().decode(bytes))).body;
}

scope.onmessage = async (event: MessageEvent<DownloadRequest>) => {
  const { id, path, read } = event.data;
  try {
    const response = await fetch(path, {
      credentials: 'same-origin',
      ...(read === 'summaries'
        ? { headers: { Accept: `${PACKED_SUMMARIES_MEDIA_TYPE}, application/json;q=0.5` } }
        : {}),
    });
    const bytes = await response.arrayBuffer();
    const base = { id, status: response.status, entityTag: response.headers.get('ETag') };
    if (read === 'summaries' && response.ok) {
      const summaries = summariesOf(response, bytes);
      scope.postMessage(
        { ...base, bytes: null, summaries } satisfies DownloadResult,
        transferablesOf(summaries.table),
      );
    } else {
      scope.postMessage({ ...base, bytes, summaries: null } satisfies DownloadResult, [bytes]);
    }
  } catch (error) {
    const result: DownloadResult = { id, error: error instanceof Error ? error.message : String(error) };
    scope.postMessage(result);
  }
};
