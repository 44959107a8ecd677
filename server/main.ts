/**
 * `npm start`: builds the web app if needed, creates the store from the sample if absent, and serves the web app
 * and the API on one port.
 */

import { relative } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { openOrCreateStore } from './store/open-store.ts';
import { buildWeb, webBuildIsCurrent } from './web-build.ts';

const config = readConfig();
const log = (line: string) => console.log(`[parcel-command-map] ${line}`);

if (!webBuildIsCurrent(config.webDirectory, ['web', 'server/domain'])) {
  log('building the web app …');
  await buildWeb();
}
const store = openOrCreateStore(config.storePath, config.sampleDirectory, log);
const webRoot = relative(process.cwd(), config.webDirectory) || '.';

const server = new Hono()
  .route('/', createApp(store))
  .use('/*', serveStatic({ root: webRoot }))
  // Any other path is a view of the single-page app (filters live in the query string).
  .get('*', serveStatic({ root: webRoot, path: 'index.html' }));

const httpServer = serve({ fetch: server.fetch, port: config.port, hostname: config.host }, (info) => {
  log(`${store.parcels().length} parcels in ${store.villages().length} villages, data as of ${store.asOf()}`);
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  log(`dashboard: http://${shownHost}:${info.port}/`);
});

function shutDown() {
  httpServer.close();
  store.close();
  process.exit(0);
}
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);
