/**
 * Worker-thread entry of `prepareInWorker`: reads and validates one upload off the server's main thread and posts
 * progress, then the prepared import (or the error, already in both languages).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from './import-errors.ts';
import { type ImportOptions, type ImportTarget, prepareImport, type UploadedFile } from './prepare-import.ts';

const { file, target, options } = workerData as {
  file: UploadedFile;
  target: ImportTarget | null;
  options: ImportOptions;
};

prepareImport(file, target, options, (phase, done, total) =>
  parentPort?.postMessage({ type: 'progress', phase, done, total }),
)
  .then((prepared) => parentPort?.postMessage({ type: 'done', prepared }))
  .catch((error: unknown) => parentPort?.postMessage({ type: 'error', error: describeError(error) }));
