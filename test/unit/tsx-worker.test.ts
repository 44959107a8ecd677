/**
 * A worker entry runs through tsx's loader, unless the command line's runner has bundled it (`server/cli/run.mjs`
 * names each bundle by its entry's URL): then the worker runs the bundle, with no loader to start.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tsxWorker } from '../../server/import/tsx-worker.ts';
import { temporaryFolder } from '../support/import-fixtures.ts';

const folder = temporaryFolder('tsx-worker-');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const BUNDLED_WORKERS = Symbol.for('parcel-command-map.bundled-workers');
const registry = globalThis as { [BUNDLED_WORKERS]?: Map<string, string> };
afterEach(() => {
  delete registry[BUNDLED_WORKERS];
});

function firstMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('tsxWorker', () => {
  // ES modules, as the project's own.
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }');
  const entry = join(folder, 'entry.ts');
  const bundle = join(folder, 'entry.mjs');
  writeFileSync(
    entry,
    "import { parentPort } from 'node:worker_threads';\nconst from: string = 'tsx';\nparentPort?.postMessage(from);\n",
  );
  writeFileSync(
    bundle,
    "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage('bundle');\n",
  );

  it('runs the TypeScript entry through tsx', async () => {
    expect(await firstMessage(tsxWorker(pathToFileURL(entry)))).toBe('tsx');
  }, 30_000);

  it('runs the bundle the command line’s runner has for the entry', async () => {
    registry[BUNDLED_WORKERS] = new Map([[pathToFileURL(entry).href, pathToFileURL(bundle).href]]);
    expect(await firstMessage(tsxWorker(pathToFileURL(entry)))).toBe('bundle');
  });
});

describe('the import command’s bundle', () => {
  it('has the area worker bundled as an entry of its own', () => {
    // Without arguments the command prints its usage; the bundle is built (or found current) first.
    spawnSync(process.execPath, ['server/cli/run.mjs', 'import'], { stdio: 'ignore' });
    const build = JSON.parse(readFileSync('.cache/cli/import.json', 'utf8')) as {
      folder: string;
      workers: Record<string, string>;
    };
    const worker = build.workers['server/import/areas-worker.ts'];
    expect(worker).toBe('areas-worker.js');
    expect(readFileSync(join('.cache/cli', build.folder, worker as string), 'utf8')).toContain(
      'measureParcels',
    );
  }, 60_000);
});
