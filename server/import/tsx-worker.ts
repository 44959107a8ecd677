/**
 * A worker thread running a TypeScript entry. The server runs through tsx, and a worker starts without its loader:
 * the worker registers tsx's ESM loader before importing the entry. The command line runs from a bundle that has
 * the entry bundled too (`BUNDLED_WORKERS`): the worker runs that.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

// tsx's ESM registration API (the `tsx/esm/api` export's `import` target).
const TSX_API = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
).href;

/**
 * Set by the command line's runner (`server/cli/run.mjs`), which bundles each worker entry its command starts: the
 * bundle's URL by the entry's. A worker started from its bundle needs no loader.
 */
const BUNDLED_WORKERS = Symbol.for('parcel-command-map.bundled-workers');

export function tsxWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const bundle = (globalThis as { [BUNDLED_WORKERS]?: Map<string, string> })[BUNDLED_WORKERS]?.get(
    entry.href,
  );
  if (bundle) return new Worker(new URL(bundle), options);
  const bootstrap = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
