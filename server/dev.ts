/**
 * `npm run dev`: the API on PORT (8787) and Vite's dev server with hot reload on 5173, which proxies /api to it.
 */
import { createServer } from 'vite';
import { readConfig } from './config.ts';
import { startServer } from './serve.ts';
import { openOrCreateStore } from './store/open-store.ts';

const config = readConfig();
const log = (line: string) => console.log(`[parcel-command-map dev] ${line}`);
const store = await openOrCreateStore(config.storePath, config.sampleDirectory, log);
startServer(store, config, (port) => log(`API on http://localhost:${port}/api`));
const vite = await createServer({ configFile: 'vite.config.ts', server: { port: 5173, host: config.host } });
await vite.listen();
vite.printUrls();
