/**
 * Durability: the real server on a temporary GeoPackage takes transitions from several concurrent clients, is killed
 * with SIGKILL part-way, and restarted. Every transition that was acknowledged (2xx) must be in the store exactly
 * once, and no parcel may be half-written (its row must equal the replay of its events).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GeoPackageStore } from '../../server/store/geopackage-store.ts';
import { addTestUser, TEST_PASSWORD } from '../support/api-session.ts';
import { signInOverHttp } from '../support/http-session.ts';
import { startServer } from '../support/server-process.ts';
import { GRID_PARCEL_PATH, gridParkDataset, temporaryStore } from '../support/test-park.ts';

const PARCELS = 300;
const CLIENTS = 6;
const KILL_AFTER_ACKNOWLEDGED = 1000;
const TOTAL_TRANSITIONS = PARCELS * GRID_PARCEL_PATH.length; // 1,200: more than are sent before the kill

interface Acknowledged {
  eventId: number;
  parcelId: number;
  axis: string;
  to: string;
}

describe('durability under kill -9', () => {
  it(`keeps every acknowledged transition exactly once when the server is killed after ${KILL_AFTER_ACKNOWLEDGED}`, async () => {
    const temporary = temporaryStore(gridParkDataset(PARCELS));
    await addTestUser(temporary.store, 'hq', 'hq');
    const parcelIds = temporary.store.parcels().map((parcel) => parcel.id);
    temporary.store.close();
    const environment = { SERVE_WEB: '0' };
    const server = await startServer({ storePath: temporary.path, environment });
    const acknowledged: Acknowledged[] = [];
    let sent = 0;
    let killed = false;
    try {
      const sessions = await Promise.all(
        Array.from({ length: CLIENTS }, () => signInOverHttp(server.url, 'hq', TEST_PASSWORD)),
      );
      // Each client owns every CLIENTS-th parcel and walks it along its path, one request at a time.
      await Promise.all(
        sessions.map(async (session, clientIndex) => {
          const mine = parcelIds.filter((_, index) => index % CLIENTS === clientIndex);
          for (const step of GRID_PARCEL_PATH) {
            for (const parcelId of mine) {
              if (killed) return;
              sent++;
              try {
                const response = await session.send('POST', `/api/parcels/${parcelId}/transitions`, {
                  axis: step.axis,
                  to: step.to,
                  note: `durability ${step.to}`,
                });
                if (response.status === 201) {
                  const body = (await response.json()) as { events: { id: number }[] };
                  acknowledged.push({
                    eventId: body.events[0]?.id as number,
                    parcelId,
                    axis: step.axis,
                    to: step.to,
                  });
                  if (acknowledged.length >= KILL_AFTER_ACKNOWLEDGED && !killed) {
                    killed = true;
                    server.process.kill('SIGKILL');
                  }
                } else {
                  throw new Error(`unexpected ${response.status}: ${await response.text()}`);
                }
              } catch (error) {
                if (!killed) throw error;
                return;
              }
            }
          }
        }),
      );
      expect(killed).toBe(true);
      expect(sent).toBeLessThan(TOTAL_TRANSITIONS);
    } finally {
      await server.stop({ kill: true, keepStore: true });
    }

    // The store as the killed server left it: opened directly, WAL recovered by SQLite.
    const database = new Database(temporary.path, { readonly: true });
    try {
      const events = database
        .prepare(
          "SELECT id, parcel_id, axis, to_status FROM events WHERE note LIKE 'durability %' ORDER BY id",
        )
        .all() as { id: number; parcel_id: number; axis: string; to_status: string }[];
      const byId = new Map(events.map((event) => [event.id, event]));
      for (const entry of acknowledged) {
        expect(byId.get(entry.eventId), `acknowledged event ${entry.eventId}`).toEqual({
          id: entry.eventId,
          parcel_id: entry.parcelId,
          axis: entry.axis,
          to_status: entry.to,
        });
      }
      const perParcel = new Map<number, { axis: string; to_status: string }[]>();
      for (const event of events)
        perParcel.set(event.parcel_id, [...(perParcel.get(event.parcel_id) ?? []), event]);
      const rows = database.prepare('SELECT fid, signing, clearance, version FROM parcels').all() as {
        fid: number;
        signing: string;
        clearance: string;
        version: number;
      }[];
      for (const row of rows) {
        const history = perParcel.get(row.fid) ?? [];
        const replayed = { signing: 'unsurveyed', clearance: 'occupied' };
        for (const event of history) replayed[event.axis as 'signing' | 'clearance'] = event.to_status;
        expect({ ...row }, `parcel ${row.fid}`).toEqual({
          fid: row.fid,
          ...replayed,
          version: 1 + history.length,
        });
      }
      // No event was written twice: each parcel's events are distinct steps of its path.
      for (const history of perParcel.values()) {
        expect(new Set(history.map((event) => event.to_status)).size).toBe(history.length);
      }
      expect(events.length).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      database.close();
    }

    // And the restarted server serves the same state.
    const restarted = await startServer({ storePath: temporary.path, environment });
    try {
      const session = await signInOverHttp(restarted.url, 'hq', TEST_PASSWORD);
      const last = acknowledged.at(-1) as Acknowledged;
      const history = await (await session.send('GET', `/api/parcels/${last.parcelId}/events`)).json();
      expect(history.events.map((event: { id: number }) => event.id)).toContain(last.eventId);
    } finally {
      await restarted.stop({ keepStore: true });
      const reopened = GeoPackageStore.open(temporary.path);
      reopened.close();
      temporary.remove();
    }
  }, 180_000);
});
