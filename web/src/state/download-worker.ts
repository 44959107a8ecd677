/**
 * Downloads for the main thread, in a worker: the browser hands a response's bytes to the thread that reads it, and
 * while the map starts its WebGL context the main thread reads nothing for a second or more — megabytes of parcels
 * would wait in the pipe. Here they arrive meanwhile and are handed over without a copy.
 */
import type { DownloadRequest, DownloadResult } from './background-download.ts';

const scope = self as unknown as Worker;

scope.onmessage = async (event: MessageEvent<DownloadRequest>) => {
  const { id, path } = event.data;
  try {
    const response = await fetch(path, { credentials: 'same-origin' });
    const bytes = await response.arrayBuffer();
    const result: DownloadResult = {
      id,
      status: response.status,
      entityTag: response.headers.get('ETag'),
      bytes,
    };
    scope.postMessage(result, [bytes]);
  } catch (error) {
    const result: DownloadResult = { id, error: error instanceof Error ? error.message : String(error) };
    scope.postMessage(result);
  }
};
