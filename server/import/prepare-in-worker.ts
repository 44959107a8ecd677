/**
 * Runs `prepareImport` in a worker thread. Reading and validating 100k parcels takes seconds of CPU; on the main
 * thread that would stall every status change and live update from the field for as long.
 *
 * The server runs TypeScript through tsx, so the worker registers tsx's loader before importing its entry.
 */
import { PreparedImportError } from './import-errors.ts';
import type {
  ImportOptions,
  ImportTarget,
  PreparedImport,
  ProgressListener,
  UploadedFile,
} from './prepare-import.ts';
import { tsxWorker } from './tsx-worker.ts';

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
  const worker = tsxWorker(new URL('./prepare-worker.ts', import.meta.url), {
    workerData: { file, target, options },
  });
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
