/**
 * Same-origin GETs received by workers (`download-worker.ts`) and handed to the main thread: used for the two
 * large reads of the map (binary geometry, summaries), which would otherwise sit undelivered while the main thread
 * starts WebGL. The geometry comes over as bytes, moved without a copy; the summaries as a packed table
 * (`packed-summary-table.ts`; received packed from the server, or parsed and packed there from JSON), so that the
 * main thread never parses their JSON. Where a worker cannot start, the main thread downloads the bytes itself.
 */
import type { PackedSummariesBody } from '../../../server/domain/packed-summary-table.ts';

/** What the worker hands over: the body's bytes, or (a summaries table) the body as a packed table. */
export type DownloadRead = 'bytes' | 'summaries';

export interface DownloadRequest {
  id: number;
  path: string;
  read: DownloadRead;
}

export interface Download {
  status: number;
  entityTag: string | null;
  /** The body, unless it arrived as `summaries` (only a successful response does). */
  bytes: ArrayBuffer | null;
  summaries: PackedSummariesBody | null;
}

export type DownloadResult = ({ id: number } & Download) | { id: number; error: string };

async function downloadHere(path: string): Promise<Download> {
  const response = await fetch(path, { credentials: 'same-origin' });
  return {
    status: response.status,
    entityTag: response.headers.get('ETag'),
    bytes: await response.arrayBuffer(),
    summaries: null,
  };
}

interface Settlers {
  resolve(download: Download): void;
  reject(error: Error): void;
}

/** One download worker and what it has been asked and not yet answered. */
class DownloadWorker {
  private worker: Worker | null;
  private readonly waiting = new Map<number, Settlers & { path: string }>();

  constructor() {
    try {
      this.worker = new Worker(new URL('./download-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      this.worker = null;
      return;
    }
    this.worker.onmessage = (event: MessageEvent<DownloadResult>) => {
      const { id, ...result } = event.data;
      this.settle(id, ({ resolve, reject, path }) =>
        'error' in result ? reject(new TypeError(`${path}: ${result.error}`)) : resolve(result),
      );
    };
    // A worker that fails to load (a strict proxy, an old browser) leaves what it has not answered to this thread.
    this.worker.onerror = () => {
      this.close();
      for (const id of [...this.waiting.keys()]) {
        this.settle(id, ({ resolve, reject, path }) => downloadHere(path).then(resolve, reject));
      }
    };
  }

  download(id: number, path: string, read: DownloadRead): Promise<Download> {
    const worker = this.worker;
    if (!worker) return downloadHere(path);
    return new Promise<Download>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, path });
      worker.postMessage({ id, path, read } satisfies DownloadRequest);
    });
  }

  close(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private settle(id: number, settleOne: (settlers: Settlers & { path: string }) => void): void {
    const settlers = this.waiting.get(id);
    if (!settlers) return;
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.close();
    settleOne(settlers);
  }
}

/**
 * Download workers, started as early as possible (their script is one more request, and the main thread is busy
 * soon after): `download` sends each request to a worker of its own, and each stops once it has answered, or on
 * `close`. One worker per read, because a worker drains a response's bytes only between its tasks: while one
 * parsed the 18 MB of summaries at 100k parcels (about a second), the geometry's bytes waited in the pipe, and the
 * geometry arrived a second later than it was sent.
 */
export class BackgroundDownloads {
  private readonly workers: DownloadWorker[];
  private nextId = 0;

  /** `workers`: how many reads will be sent (more are shared out among them). */
  constructor(workers = 2) {
    this.workers = Array.from({ length: workers }, () => new DownloadWorker());
  }

  /** One promise per request, in order. */
  download(requests: readonly { path: string; read: DownloadRead }[]): Promise<Download>[] {
    const downloads = requests.map(({ path, read }, index) => {
      const worker = this.workers[index % this.workers.length] as DownloadWorker;
      return worker.download(this.nextId++, path, read);
    });
    // A worker given nothing to read would otherwise wait for work until the page closes.
    for (const worker of this.workers.slice(requests.length)) worker.close();
    return downloads;
  }

  /** Stops the workers; what they have not answered yet is left unsettled, so only call it with nothing waiting. */
  close(): void {
    for (const worker of this.workers) worker.close();
  }
}
