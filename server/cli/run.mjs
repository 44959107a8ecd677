/**
 * `npm run import`: runs a command-line entry (`server/cli/<name>.ts`) as one JavaScript bundle built by esbuild
 * (tsx's own, resolved through tsx: no dependency of ours) instead of through tsx's loader. A command line pays its
 * start-up on every run: tsx's loader and its per-module round trips to the loader thread took half a second of a
 * 100k-parcel import's six.
 *
 * The bundle lives in `.cache/cli/` and is rebuilt (some 100 ms) whenever a source file it was built from has
 * changed (size or modification time), so a fresh clone and an edited tree need no build step. Packages stay
 * outside the bundle, loaded from node_modules as before; a module the command imports only when needed (the store
 * and turf, which a new park's import never loads) stays a chunk of its own, loaded only then. Each module keeps
 * its own `import.meta.url` (the source file's), so the worker threads it starts (`tsx-worker.ts`) still find their
 * TypeScript entries beside it. A worker entry the command starts (`tsxWorker(new URL('./….ts', import.meta.url))`)
 * is bundled too, as an entry of its own: the command's worker then starts from it, without tsx's loader and its
 * loader thread (most of a second of CPU per worker). If the bundle cannot be built, the entry runs through tsx as
 * before.
 *
 *   node server/cli/run.mjs <name> [arguments of the command]
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const name = process.argv[2] ?? '';
if (!/^[a-z-]+$/.test(name)) {
  console.error('usage: node server/cli/run.mjs <command> [arguments]');
  process.exit(1);
}
// The command sees its own arguments only, as when it is run directly.
process.argv.splice(2, 1);

const entry = join(root, 'server', 'cli', `${name}.ts`);
const cache = join(root, '.cache', 'cli');
/**
 * The current build of the command: `{ folder, inputs: { path: stamp }, workers: { entry path: bundle file } }`,
 * folder under `cache`, paths relative to the root.
 */
const buildFile = join(cache, `${name}.json`);
/** Builds replaced this long ago are deleted: a command still running from one may yet load a chunk from it. */
const KEEP_REPLACED_MS = 60 * 60 * 1000;

/** What a source file was when the bundle was built from it. */
function stamp(path) {
  const status = statSync(path);
  return `${status.size}:${status.mtimeMs}`;
}

/**
 * The current build (`{ bundle, workers }`: the entry file, and the worker bundles by entry path), or null when
 * there is none or a source file has changed since.
 */
function currentBuild() {
  try {
    const { folder, inputs, workers } = JSON.parse(readFileSync(buildFile, 'utf8'));
    const bundle = join(cache, folder, `${name}.js`);
    statSync(bundle);
    if (!Object.entries(inputs).every(([path, built]) => stamp(join(root, path)) === built)) return null;
    return { bundle, workers: workers ?? {} };
  } catch {
    return null;
  }
}

/** How a module starts a worker from a TypeScript entry beside it (`server/import/tsx-worker.ts`). */
const WORKER_REFERENCE = /tsxWorker\(\s*new URL\(\s*'(\.\/[^']+\.ts)',\s*import\.meta\.url\s*\)/g;

/**
 * Replaces `import.meta.url` in each source module with that module's own URL (esbuild would give the bundle's),
 * and collects the worker entries the modules start into `workerEntries` (absolute paths).
 */
function moduleUrls(workerEntries) {
  return {
    name: 'module-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (arguments_) => {
        const source = readFileSync(arguments_.path, 'utf8');
        for (const match of source.matchAll(WORKER_REFERENCE)) {
          workerEntries.add(resolve(dirname(arguments_.path), match[1]));
        }
        return {
          contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(arguments_.path).href)),
          loader: 'ts',
        };
      });
    },
  };
}

async function buildBundle() {
  const tsx = createRequire(import.meta.url).resolve('tsx/package.json');
  const esbuild = createRequire(tsx)('esbuild');
  // A folder of its own per build, named in the build file only once written whole: two commands started at once
  // never read half a bundle, nor one built from other sources.
  const folder = `${name}-${Date.now()}-${process.pid}`;
  const options = {
    absWorkingDir: root,
    outdir: join(cache, folder),
    // Every entry at the top of the folder (`<name>.js`), whatever folder its source is in.
    entryNames: '[name]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  };
  // Built until the worker entries are all among the entry points (a worker may start workers of its own); only
  // the last build is written.
  const workerEntries = new Set();
  let entryPoints = [];
  let result;
  do {
    entryPoints = [entry, ...workerEntries];
    result = await esbuild.build({
      ...options,
      entryPoints,
      write: false,
      plugins: [moduleUrls(workerEntries)],
    });
  } while (workerEntries.size + 1 > entryPoints.length);
  result = await esbuild.build({ ...options, entryPoints, plugins: [moduleUrls(new Set())] });
  const inputs = {};
  for (const path of Object.keys(result.metafile.inputs)) inputs[path] = stamp(join(root, path));
  const workers = {};
  for (const [output, { entryPoint }] of Object.entries(result.metafile.outputs)) {
    // (A module imported dynamically has an entry point of its own too.)
    if (entryPoint && workerEntries.has(resolve(root, entryPoint))) {
      workers[entryPoint] = relative(join(cache, folder), resolve(root, output));
    }
  }
  writeFileSync(`${buildFile}.${process.pid}`, JSON.stringify({ folder, inputs, workers }));
  renameSync(`${buildFile}.${process.pid}`, buildFile);
  for (const other of readdirSync(cache)) {
    const path = join(cache, other);
    if (
      other.startsWith(`${name}-`) &&
      other !== folder &&
      Date.now() - statSync(path).mtimeMs > KEEP_REPLACED_MS
    ) {
      rmSync(path, { recursive: true, force: true });
    }
  }
  return currentBuild();
}

let build = currentBuild();
if (!build) {
  try {
    build = await buildBundle();
  } catch (error) {
    console.error(`(running through tsx: the bundle could not be built: ${error.message})`);
  }
}
if (build) {
  // Read by `tsxWorker` (server/import/tsx-worker.ts): the bundle of a worker entry, by the entry's URL.
  globalThis[Symbol.for('parcel-command-map.bundled-workers')] = new Map(
    Object.entries(build.workers).map(([path, file]) => [
      pathToFileURL(join(root, path)).href,
      pathToFileURL(join(dirname(build.bundle), file)).href,
    ]),
  );
  await import(pathToFileURL(build.bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
