/**
 * Downloads for the main thread, in a worker: the browser hands a response's bytes to the thread that reads it, and
 * while the map starts its WebGL context the main thread reads nothing for a second or more — megabytes of parcels
 * would wait in the pipe. Here they arrive meanwhile: bytes are handed over without a copy, and a summaries table
 * is parsed and packed here, off the main thread (`packed-summary-table.ts`).
 */
import { packSummariesBody } from '../api/packed-summary-table.ts';
import type { DownloadRequest, DownloadResult } from './background-download.ts';

const scope = self as unknown as Worker;

scope.onmessage = async (event: MessageEvent<DownloadRequest>) => {
  const { id, path, read } = event.data;
  try {
    const response = await fetch(path, { credentials: 'same-origin' });
    const bytes = await response.arrayBuffer();
    const base = { id, status: response.status, entityTag: response.headers.get('ETag') };
    if (read === 'summaries' && response.ok) {
      const { body, transfer } = packSummariesBody(JSON.parse(new TextDecoder().decode(bytes)));
      scope.postMessage({ ...base, bytes: null, summaries: body } satisfies DownloadResult, transfer);
    } else {
      scope.postMessage({ ...base, bytes, summaries: null } satisfies DownloadResult, [bytes]);
    }
  } catch (error) {
    const result: DownloadResult = { id, error: error instanceof Error ? error.message : String(error) };
    scope.postMessage(result);
  }
};
