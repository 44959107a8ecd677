/**
 * The real server in a child process, on a free port and a temporary GeoPackage built from the committed sample:
 * what a user runs with `npm start`, but isolated per test file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  port: number;
  storePath: string;
  process: ChildProcess;
  /** Stops the server (SIGTERM, or SIGKILL with `kill: true`) and, unless kept, removes its store. */
  stop: (options?: { kill?: boolean; keepStore?: boolean }) => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface StartOptions {
  /** Reuse an existing store (e.g. after a crash) instead of building a fresh one from the sample. */
  storePath?: string;
  environment?: Record<string, string>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const directory = options.storePath ? undefined : mkdtempSync(join(tmpdir(), 'parcel-e2e-'));
  const storePath = options.storePath ?? join(directory as string, 'park.gpkg');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PARK_STORE: storePath,
      ...options.environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 170 s:\n${output}`)), 170_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('dashboard: http://')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    storePath,
    process: child,
    stop: async ({ kill = false, keepStore = false } = {}) => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill(kill ? 'SIGKILL' : 'SIGTERM');
        await exited;
      }
      if (directory && !keepStore) rmSync(directory, { recursive: true, force: true });
    },
  };
}
