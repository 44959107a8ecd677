/**
 * Same-origin GETs whose bytes are received by a worker (`download-worker.ts`) and transferred here whole: used for
 * the two large reads of the map (binary geometry, summaries), which would otherwise sit undelivered while the main
 * thread starts WebGL. Where a worker cannot start, the main thread downloads them itself.
 */
export interface DownloadRequest {
  id: number;
  path: string;
}

export type DownloadResult =
  | { id: number; status: number; entityTag: string | null; bytes: ArrayBuffer }
  | { id: number; error: string };

export interface Download {
  status: number;
  entityTag: string | null;
  bytes: ArrayBuffer;
}

async function downloadHere(path: string): Promise<Download> {
  const response = await fetch(path, { credentials: 'same-origin' });
  return {
    status: response.status,
    entityTag: response.headers.get('ETag'),
    bytes: await response.arrayBuffer(),
  };
}

/** One promise per path, in order; the worker stops once all have arrived. */
export function downloadInBackground(paths: readonly string[]): Promise<Download>[] {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./download-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return paths.map(downloadHere);
  }
  let pending = paths.length;
  const settled = () => {
    pending--;
    if (pending === 0) worker.terminate();
  };
  const waiting = new Map<number, (result: DownloadResult) => void>();
  worker.onmessage = (event: MessageEvent<DownloadResult>) => waiting.get(event.data.id)?.(event.data);
  // A worker that fails to load (a strict proxy, an old browser) leaves the downloads to this thread.
  let failed = false;
  const fallbacks = new Map<number, (download: Promise<Download>) => void>();
  worker.onerror = () => {
    failed = true;
    worker.terminate();
    for (const [id, fallBack] of fallbacks) fallBack(downloadHere(paths[id] as string));
  };
  return paths.map(
    (path, id) =>
      new Promise<Download>((resolve, reject) => {
        fallbacks.set(id, (download) => download.then(resolve, reject));
        waiting.set(id, (result) => {
          fallbacks.delete(id);
          settled();
          if ('error' in result) reject(new TypeError(`${path}: ${result.error}`));
          else resolve(result);
        });
        if (failed) fallbacks.get(id)?.(downloadHere(path));
        else worker.postMessage({ id, path } satisfies DownloadRequest);
      }),
  );
}
