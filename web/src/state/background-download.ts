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

interface Settlers {
  resolve(download: Download): void;
  reject(error: Error): void;
}

/** One promise per path, in order; the worker stops once all have arrived. */
export function downloadInBackground(paths: readonly string[]): Promise<Download>[] {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./download-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return paths.map(downloadHere);
  }
  const waiting = new Map<number, Settlers>();
  const settle = (id: number, settleOne: (settlers: Settlers) => void) => {
    const handlers = waiting.get(id);
    if (!handlers) return;
    waiting.delete(id);
    if (waiting.size === 0) worker.terminate();
    settleOne(handlers);
  };
  worker.onmessage = (event: MessageEvent<DownloadResult>) => {
    const result = event.data;
    settle(result.id, ({ resolve, reject }) =>
      'error' in result ? reject(new TypeError(`${paths[result.id]}: ${result.error}`)) : resolve(result),
    );
  };
  // A worker that fails to load (a strict proxy, an old browser) leaves what it has not answered to this thread.
  worker.onerror = () => {
    for (const id of [...waiting.keys()]) {
      settle(id, ({ resolve, reject }) => downloadHere(paths[id] as string).then(resolve, reject));
    }
  };
  return paths.map(
    (path, id) =>
      new Promise<Download>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, path } satisfies DownloadRequest);
      }),
  );
}
