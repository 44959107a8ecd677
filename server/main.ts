/**
 * `npm start`: builds the web app if needed, creates the store from the sample if absent, and serves the web app
 * and the API on one port.
 */
import { readConfig } from './config.ts';
import { startServer } from './serve.ts';
import { openOrCreateStore } from './store/open-store.ts';
import { buildWeb, webBuildIsCurrent } from './web-build.ts';

const config = readConfig();
const log = (line: string) => console.log(`[parcel-command-map] ${line}`);

if (config.serveWeb && !webBuildIsCurrent(config.webDirectory, ['web', 'server/domain'])) {
  log('building the web app …');
  await buildWeb();
}
const store = await openOrCreateStore(config.storePath, config.sampleDirectory, log);
const server = startServer(
  store,
  { ...config, webDirectory: config.serveWeb ? config.webDirectory : undefined },
  (port) => {
    log(
      `${store.parcels().length} parcels in ${store.villages().length} villages, data as of ${store.asOf()}`,
    );
    log(`dashboard: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`);
  },
);

function shutDown() {
  server.close();
  store.close();
  process.exit(0);
}
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);
