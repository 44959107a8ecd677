/**
 * The load generator of the field-update benchmark, and CPU accounting for it and for the server.
 *
 * The generator shares the machine's two cores with the server, so its own CPU cost shows up in the server's
 * latencies. Node's `fetch` (undici behind WHATWG streams and Headers) spent about as much CPU per request as the
 * server did; `node:http` with a keep-alive agent, one socket per writer, is the lean "autocannon or similar" the
 * issue allows. `BENCH_WRITE_CLIENT=fetch` measures with `fetch` again, to compare.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { HttpSession } from '../support/http-session.ts';

export type WriteClient = 'http' | 'fetch';

export function writeClientFromEnvironment(): WriteClient {
  return process.env.BENCH_WRITE_CLIENT === 'fetch' ? 'fetch' : 'http';
}

/** POSTs JSON with the session's cookie and CSRF token; resolves to the status once the whole answer has arrived. */
export type JsonPoster = (session: HttpSession, path: string, body: unknown) => Promise<number>;

export function jsonPoster(baseUrl: string, client: WriteClient, sockets: number): JsonPoster {
  if (client === 'fetch') {
    return async (session, path, body) => {
      const response = await session.send('POST', path, body);
      await response.arrayBuffer();
      return response.status;
    };
  }
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return (session, path, body) =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const outgoing = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path,
          headers: {
            Cookie: session.cookie,
            'X-CSRF-Token': session.csrfToken,
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(payload),
            // As a browser (and fetch) sends it: a server that compresses the answer pays for it here too.
            'Accept-Encoding': 'gzip, deflate',
          },
        },
        (response) => {
          response.on('data', () => {});
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
}

/** User + system CPU time of a process in ms, from /proc (Linux); NaN where that cannot be read. */
export function processCpuMilliseconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14 and stime 15, in ticks.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU time of this process (the load generator) in ms. */
export function ownCpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
