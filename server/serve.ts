/** Starts the HTTP server: the API, and the built web app when `webRoot` is given. */
import { relative } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import type { ParcelStore } from './store/parcel-store.ts';

export function startServer(
  store: ParcelStore,
  config: Pick<ServerConfig, 'port' | 'host'> & { webDirectory?: string; importLimitBytes?: number },
  onListening: (port: number) => void,
): ServerType {
  let server = new Hono().route(
    '/',
    createApp(store, config.importLimitBytes ? { importLimitBytes: config.importLimitBytes } : {}),
  );
  if (config.webDirectory) {
    const webRoot = relative(process.cwd(), config.webDirectory) || '.';
    server = server
      .use('/*', serveStatic({ root: webRoot }))
      // Any other path is a view of the single-page app (its state lives in the query string and the hash).
      .get('*', serveStatic({ root: webRoot, path: 'index.html' }));
  }
  return serve({ fetch: server.fetch, port: config.port, hostname: config.host }, (info) =>
    onListening(info.port),
  );
}
