/**
 * Field-update benchmark: 50 concurrent writers for 30 s against the real server (durable transitions: WAL,
 * synchronous=FULL, group commit), throughput and latency; then the delay from a commit to its arrival at 100
 * connected SSE clients. Baseline, side by side: the same durability with one transaction (one fsync) per write,
 * straight on SQLite without HTTP.
 *
 * The writers run in this process on the same two cores as the server, over keep-alive `node:http` (see
 * write-load.ts; `BENCH_WRITE_CLIENT=fetch` for Node's fetch). The CPU time per transition of the server process
 * and of this load generator is printed too, so a change in latency can be traced to either side.
 */
import Database from 'better-sqlite3';
import { addTestUser, TEST_PASSWORD } from '../support/api-session.ts';
import { signInOverHttp } from '../support/http-session.ts';
import { startServer } from '../support/server-process.ts';
import { GRID_PARCEL_PATH, gridParkDataset, temporaryStore } from '../support/test-park.ts';
import { formatNumber, median, percentile, printTable } from './statistics.ts';
import {
  jsonPoster,
  ownCpuMilliseconds,
  processCpuMilliseconds,
  writeClientFromEnvironment,
} from './write-load.ts';

const WRITERS = 50;
const SSE_CLIENTS = 100;

function baselineOneFsyncPerWrite(path: string, seconds: number): number {
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  const insert = database.prepare(
    "INSERT INTO events (parcel_id, axis, from_status, to_status, at, user, note, kind, recorded_at) VALUES (1, 'signing', 'a', 'b', 'now', 'bench', 'baseline', 'forward', 'now')",
  );
  const update = database.prepare('UPDATE parcels SET version = version + 1 WHERE fid = 1');
  const write = database.transaction(() => {
    update.run();
    insert.run();
  });
  let count = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    write();
    count++;
  }
  database.exec("DELETE FROM events WHERE note = 'baseline'");
  database.close();
  return count / seconds;
}

export async function runWriteBenchmark(options: { seconds: number; parcels: number }): Promise<string> {
  const temporary = temporaryStore(gridParkDataset(options.parcels));
  await addTestUser(temporary.store, 'hq', 'hq');
  const parcelIds = temporary.store.parcels().map((parcel) => parcel.id);
  temporary.store.close();
  const baseline = baselineOneFsyncPerWrite(temporary.path, Math.min(5, options.seconds));
  const server = await startServer({ storePath: temporary.path, environment: { SERVE_WEB: '0' } });
  const output: string[] = [];
  try {
    const sessions = await Promise.all(
      Array.from({ length: WRITERS }, () => signInOverHttp(server.url, 'hq', TEST_PASSWORD)),
    );
    const client = writeClientFromEnvironment();
    const post = jsonPoster(server.url, client, WRITERS);
    const latencies: number[] = [];
    let errors = 0;
    let cursor = 0;
    const serverCpuBefore = processCpuMilliseconds(server.process.pid);
    const clientCpuBefore = ownCpuMilliseconds();
    const end = performance.now() + options.seconds * 1000;
    const started = performance.now();
    // Each writer takes the next parcel step from a shared cursor: steps go parcel by parcel, path step by path step.
    await Promise.all(
      sessions.map(async (session) => {
        while (performance.now() < end) {
          const index = cursor++;
          const step = GRID_PARCEL_PATH[Math.floor(index / parcelIds.length)];
          const parcelId = parcelIds[index % parcelIds.length];
          if (!step || parcelId === undefined) return;
          const sent = performance.now();
          const status = await post(session, `/api/parcels/${parcelId}/transitions`, {
            axis: step.axis,
            to: step.to,
            note: 'bench',
          });
          latencies.push(performance.now() - sent);
          if (status !== 201) errors++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const throughput = (latencies.length - errors) / elapsed;
    const serverCpu = (processCpuMilliseconds(server.process.pid) - serverCpuBefore) / latencies.length;
    const clientCpu = (ownCpuMilliseconds() - clientCpuBefore) / latencies.length;
    output.push(
      printTable(
        `Durable transitions: ${WRITERS} concurrent writers (${client === 'http' ? 'node:http keep-alive' : 'fetch'}) for ${options.seconds} s (target ≥ 500/s, p99 < 100 ms)`,
        ['measure', 'server (HTTP, group commit)', 'baseline: 1 fsync per write, no HTTP', 'ratio'],
        [
          [
            'transitions/s',
            formatNumber(throughput, 0),
            formatNumber(baseline, 0),
            `${formatNumber(throughput / baseline, 2)}×`,
          ],
          ['requests', String(latencies.length), '—', ''],
          ['errors (non-201)', String(errors), '—', ''],
          ['latency p50 (ms)', formatNumber(median(latencies)), '—', ''],
          ['latency p99 (ms)', formatNumber(percentile(latencies, 99)), '—', ''],
          ['server CPU per request (ms)', formatNumber(serverCpu, 2), '—', ''],
          ['load generator CPU per request (ms)', formatNumber(clientCpu, 2), '—', ''],
        ],
      ),
    );

    // SSE fan-out: 100 clients, 20 changes; delay = arrival at a client − the moment the change was sent.
    const listener = sessions[0] as (typeof sessions)[number];
    const arrivals = new Map<number, number[]>();
    const controllers: AbortController[] = [];
    let ready = 0;
    await Promise.all(
      Array.from({ length: SSE_CLIENTS }, async () => {
        const controller = new AbortController();
        controllers.push(controller);
        const response = await fetch(`${server.url}/api/events/stream`, {
          headers: { Cookie: listener.cookie },
          signal: controller.signal,
        });
        ready++;
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        const decoder = new TextDecoder();
        void (async () => {
          let buffer = '';
          try {
            for (;;) {
              const { value, done } = await reader.read();
              if (done) return;
              buffer += decoder.decode(value, { stream: true });
              for (const match of buffer.matchAll(/"note":"fan-out (\d+)"/g)) {
                const round = Number(match[1]);
                arrivals.set(round, [...(arrivals.get(round) ?? []), performance.now()]);
              }
              buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 1);
            }
          } catch {
            // aborted at the end of the benchmark
          }
        })();
      }),
    );
    while (ready < SSE_CLIENTS) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fanOut: number[] = [];
    const worst: number[] = [];
    let round = 0;
    for (let index = cursor; round < 20 && index < parcelIds.length * GRID_PARCEL_PATH.length; index++) {
      const step = GRID_PARCEL_PATH[Math.floor(index / parcelIds.length)];
      const parcelId = parcelIds[index % parcelIds.length];
      if (!step || parcelId === undefined) break;
      const sent = performance.now();
      const response = await listener.send('POST', `/api/parcels/${parcelId}/transitions`, {
        axis: step.axis,
        to: step.to,
        note: `fan-out ${round}`,
      });
      await response.arrayBuffer();
      const deadline = performance.now() + 3000;
      while ((arrivals.get(round)?.length ?? 0) < SSE_CLIENTS && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const times = arrivals.get(round) ?? [];
      fanOut.push(...times.map((time) => time - sent));
      worst.push(times.length === SSE_CLIENTS ? Math.max(...times) - sent : Number.POSITIVE_INFINITY);
      round++;
    }
    for (const controller of controllers) controller.abort();
    output.push(
      printTable(
        `SSE fan-out to ${SSE_CLIENTS} connected clients, ${round} changes (target < 500 ms)`,
        ['measure', 'ms'],
        [
          ['median delay, any client', formatNumber(median(fanOut))],
          ['median of the slowest client per change', formatNumber(median(worst))],
          ['worst slowest client', formatNumber(Math.max(...worst))],
        ],
      ),
    );
  } finally {
    await server.stop();
    temporary.remove();
  }
  return output.join('\n');
}
