/** Run-time configuration from the environment; every setting has a default that runs the bundled sample park. */
import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** The GeoPackage that is the store. Built from `sampleDirectory` when absent. */
  storePath: string;
  sampleDirectory: string;
  /** The built web app served at `/`. */
  webDirectory: string;
  /** false (SERVE_WEB=0) runs the API alone, e.g. for tests that need no browser. */
  serveWeb: boolean;
  /** Largest survey file the web import accepts, in bytes (IMPORT_MAX_BYTES, default 1 GiB). */
  importLimitBytes: number;
}

export function readConfig(environment: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: Number(environment.PORT ?? 8787),
    host: environment.HOST ?? '0.0.0.0',
    storePath: resolve(environment.PARK_STORE ?? 'data/park.gpkg'),
    sampleDirectory: resolve(environment.PARK_SAMPLE ?? 'data/sample'),
    webDirectory: resolve(environment.WEB_DIST ?? 'dist/web'),
    serveWeb: environment.SERVE_WEB !== '0' && environment.SERVE_WEB !== 'false',
    importLimitBytes: Number(environment.IMPORT_MAX_BYTES ?? 1024 * 1024 * 1024),
  };
}
