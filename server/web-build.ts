/** Builds the web app with Vite when the build is missing or older than its sources ("builds the web if needed"). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestModification(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    const time = entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

export function webBuildIsCurrent(webDirectory: string, sourceDirectories: readonly string[]): boolean {
  const index = join(webDirectory, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return sourceDirectories.every(
    (directory) => !existsSync(directory) || newestModification(directory) <= built,
  );
}

/**
 * Always a production build. Vite takes the mode of what it builds from NODE_ENV when set, so a server started by
 * the tests (vitest sets `test`) or from a shell with `development` would serve React's development build, several
 * times slower to render, to every browser until the next rebuild.
 */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  const nodeEnvironment = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnvironment === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnvironment;
  }
}
