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

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
