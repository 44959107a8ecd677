/**
 * Runs `prepareImport` in a worker thread. Reading and validating 100k parcels takes seconds of CPU; on the main
 * thread that would stall every status change and live update from the field for as long.
 *
 * The server runs TypeScript through tsx, so the worker registers tsx's loader before importing its entry.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PreparedImportError } from './import-errors.ts';
import type {
  ImportOptions,
  ImportTarget,
  PreparedImport,
  ProgressListener,
  UploadedFile,
} from './prepare-import.ts';

// tsx's ESM registration API (the `tsx/esm/api` export's `import` target).
const TSX_API = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
).href;
const ENTRY = new URL('./prepare-worker.ts', import.meta.url).href;
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(ENTRY)}); });`;

export interface RunningPreparation {
  result: Promise<PreparedImport>;
  /** Stops the worker; `result` then rejects. */
  cancel(): void;
}

export function prepareInWorker(
  file: UploadedFile,
  target: ImportTarget | null,
  options: ImportOptions,
  onProgress: ProgressListener,
): RunningPreparation {
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { file, target, options } });
  const result = new Promise<PreparedImport>((resolve, reject) => {
    worker.on('message', (message: { type: string } & Record<string, unknown>) => {
      if (message.type === 'progress')
        onProgress(
          message.phase as 'reading' | 'validating',
          message.done as number,
          message.total as number,
        );
      else if (message.type === 'done') resolve(message.prepared as PreparedImport);
      else if (message.type === 'error')
        reject(new PreparedImportError(message.error as PreparedImportError['detail']));
      if (message.type !== 'progress') void worker.terminate();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`import worker stopped (exit code ${code})`)));
  });
  return { result, cancel: () => void worker.terminate() };
}
