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
 * TypeScript entries beside it. If the bundle cannot be built, the entry runs through tsx as before.
 *
 *   node server/cli/run.mjs <name> [arguments of the command]
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
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
/** The current build of the command: `{ folder, inputs: { path: stamp } }`, folder under `cache`. */
const buildFile = join(cache, `${name}.json`);
/** Builds replaced this long ago are deleted: a command still running from one may yet load a chunk from it. */
const KEEP_REPLACED_MS = 60 * 60 * 1000;

/** What a source file was when the bundle was built from it. */
function stamp(path) {
  const status = statSync(path);
  return `${status.size}:${status.mtimeMs}`;
}

/** The entry file of the current build, or null when there is none or a source file has changed since. */
function currentBundle() {
  try {
    const { folder, inputs } = JSON.parse(readFileSync(buildFile, 'utf8'));
    const bundle = join(cache, folder, `${name}.js`);
    statSync(bundle);
    return Object.entries(inputs).every(([path, built]) => stamp(join(root, path)) === built) ? bundle : null;
  } catch {
    return null;
  }
}

/** Replaces `import.meta.url` in each source module with that module's own URL (esbuild would give the bundle's). */
const moduleUrls = {
  name: 'module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (arguments_) => ({
      contents: readFileSync(arguments_.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(arguments_.path).href),
      ),
      loader: 'ts',
    }));
  },
};

async function buildBundle() {
  const tsx = createRequire(import.meta.url).resolve('tsx/package.json');
  const esbuild = createRequire(tsx)('esbuild');
  // A folder of its own per build, named in the build file only once written whole: two commands started at once
  // never read half a bundle, nor one built from other sources.
  const folder = `${name}-${Date.now()}-${process.pid}`;
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outdir: join(cache, folder),
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
    plugins: [moduleUrls],
  });
  const inputs = {};
  for (const path of Object.keys(result.metafile.inputs)) inputs[path] = stamp(join(root, path));
  writeFileSync(`${buildFile}.${process.pid}`, JSON.stringify({ folder, inputs }));
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
  return join(cache, folder, `${name}.js`);
}

let bundle = currentBundle();
if (!bundle) {
  try {
    bundle = await buildBundle();
  } catch (error) {
    console.error(`(running through tsx: the bundle could not be built: ${error.message})`);
  }
}
if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
