import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { LoginThrottle, MAX_FAILURES_PER_USERNAME } from '../../server/auth/login-throttle.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { CLEARANCE_STATUSES, SIGNING_STATUSES } from '../../server/domain/statuses.ts';
import { checkTransition } from '../../server/domain/transitions.ts';
import { GeoPackageStore } from '../../server/store/geopackage-store.ts';
import { addTestUser, signIn, TEST_PASSWORD, withSignedInApp } from '../support/api-session.ts';
import { temporaryStore } from '../support/test-park.ts';

/** Parcel ids of the test park (see test/support/test-park.ts): V01 holds 1–6, V02 holds 7–10. */
const V01_APPRAISED_FARMLAND = 4; // appraised, occupied, no building
const V01_SIGNED_VACATED = 2; // signed, vacated, building
const V02_SURVEYED = 8;

describe('sessions', () => {
  it('keeps every parcel route behind a session, and /api/meta public', () =>
    withSignedInApp(async ({ app }) => {
      for (const path of [
        '/api/parcels',
        '/api/stats',
        '/api/export?format=csv',
        '/api/villages',
        '/api/events',
      ]) {
        expect((await app.request(path)).status, path).toBe(401);
      }
      expect((await app.request('/api/meta')).status).toBe(200);
    }));

  it('sets an HttpOnly, SameSite=Strict cookie, and signing out ends the session', () =>
    withSignedInApp(async ({ app }) => {
      const response = await app.request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'test-hq', password: TEST_PASSWORD }),
      });
      const cookie = response.headers.get('Set-Cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      const session = await signIn(app, 'test-hq');
      expect((await session.request('/api/session')).status).toBe(200);
      expect((await session.request('/api/session', { method: 'DELETE' })).status).toBe(200);
      expect((await session.request('/api/parcels')).status).toBe(401);
    }));

  it('refuses a wrong password, and a disabled account', () =>
    withSignedInApp(async ({ app, store }) => {
      await expect(signIn(app, 'test-hq', 'wrong password')).rejects.toThrow(/401/);
      const session = await signIn(app, 'test-hq');
      store.accounts.setDisabled('test-hq', true);
      expect((await session.request('/api/parcels')).status).toBe(401);
      await expect(signIn(app, 'test-hq')).rejects.toThrow(/401/);
    }));

  it('ends every session of a user whose password changes', () =>
    withSignedInApp(async ({ app, store }) => {
      const first = await signIn(app, 'test-hq');
      const second = await signIn(app, 'test-hq');
      expect((await first.request('/api/session')).status).toBe(200);
      expect((await second.request('/api/session')).status).toBe(200);
      store.accounts.setPasswordHash('test-hq', await hashPassword('another password'));
      expect((await first.request('/api/session')).status).toBe(401);
      expect((await second.request('/api/session')).status).toBe(401);
      expect(
        (await signIn(app, 'test-hq', 'another password').then((session) => session.request('/api/session')))
          .status,
      ).toBe(200);
    }));

  it('sees a user disabled, a session ended or expired by another process (the user CLI) on the next request', () =>
    withSignedInApp(async ({ app, storePath, session }) => {
      const other = await signIn(app, 'test-hq');
      const third = await signIn(app, 'test-hq');
      for (const signedIn of [session, other, third])
        expect((await signedIn.request('/api/session')).status).toBe(200);
      const cli = new Database(storePath);
      try {
        cli.prepare('DELETE FROM sessions WHERE csrf_token = ?').run(other.csrfToken);
        expect((await other.request('/api/session')).status).toBe(401);
        expect((await session.request('/api/session')).status).toBe(200);
        cli
          .prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE csrf_token = ?")
          .run(third.csrfToken);
        expect((await third.request('/api/session')).status).toBe(401);
        expect((await session.request('/api/session')).status).toBe(200);
        cli.prepare("UPDATE users SET disabled = 1 WHERE username = 'test-hq'").run();
        expect((await session.request('/api/session')).status).toBe(401);
        cli.prepare("UPDATE users SET disabled = 0 WHERE username = 'test-hq'").run();
        expect((await (await signIn(app, 'test-hq')).request('/api/session')).status).toBe(200);
      } finally {
        cli.close();
      }
    }));

  it('throttles repeated failed sign-ins with 429 and Retry-After, until the window has passed', async () => {
    const temporary = temporaryStore();
    let now = Date.parse('2026-11-26T08:00:00Z');
    try {
      const app = createApp(temporary.store, { loginThrottle: new LoginThrottle(() => now) });
      await addTestUser(temporary.store, 'hq', 'hq');
      const attempt = (password: string) =>
        app.request('/api/session', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'hq', password }),
        });
      for (let index = 0; index < MAX_FAILURES_PER_USERNAME; index++)
        expect((await attempt('guess')).status).toBe(401);
      const throttled = await attempt(TEST_PASSWORD);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect((await throttled.json()).error).toMatch(/Too many failed sign-ins/);
      now += 16 * 60 * 1000;
      expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    } finally {
      temporary.remove();
    }
  });
});

describe('CSRF protection', () => {
  it('refuses a write without the session CSRF token, or from another origin', () =>
    withSignedInApp(async ({ app, session }) => {
      const body = JSON.stringify({ axis: 'signing', to: 'signed', note: '签约' });
      const withoutToken = await app.request(`/api/parcels/${V01_APPRAISED_FARMLAND}/transitions`, {
        method: 'POST',
        headers: { Cookie: session.cookie, 'Content-Type': 'application/json' },
        body,
      });
      expect(withoutToken.status).toBe(403);
      expect((await withoutToken.json()).details[0].field).toBe('X-CSRF-Token');
      const crossSite = await session.send(
        'POST',
        `/api/parcels/${V01_APPRAISED_FARMLAND}/transitions`,
        JSON.parse(body),
        {
          Origin: 'http://evil.example',
        },
      );
      expect(crossSite.status).toBe(403);
      const problemWithoutToken = await app.request(`/api/parcels/${V01_APPRAISED_FARMLAND}/problems`, {
        method: 'POST',
        headers: { Cookie: session.cookie, 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'other', description: 'x' }),
      });
      expect(problemWithoutToken.status).toBe(403);
    }));
});

describe('POST /api/parcels/:id/transitions', () => {
  it('lets a team move a household of its village forward, appends the event and bumps the version', () =>
    withSignedInApp(
      async ({ store, session }) => {
        const response = await session.send(
          'POST',
          `/api/parcels/${V01_APPRAISED_FARMLAND}/transitions`,
          { axis: 'signing', to: 'signed', note: '签订补偿协议', at: '2026-11-25T10:00:00+08:00' },
          { 'If-Match': '"v1"' },
        );
        expect(response.status).toBe(201);
        const body = await response.json();
        expect(body.parcel).toMatchObject({ signing: 'signed', version: 2 });
        expect(response.headers.get('ETag')).toBe('"v2"');
        const history = await (await session.request(`/api/parcels/${V01_APPRAISED_FARMLAND}/events`)).json();
        expect(history.events.at(-1)).toMatchObject({
          axis: 'signing',
          from: 'appraised',
          to: 'signed',
          user: 'test-team',
          note: '签订补偿协议',
          at: '2026-11-25T02:00:00.000Z',
          kind: 'forward',
        });
        expect(store.parcel(V01_APPRAISED_FARMLAND)?.summary.signing).toBe('signed');
      },
      'team',
      ['V01'],
    ));

  it('refuses another village with 403 and a viewer with 403', async () => {
    await withSignedInApp(
      async ({ session }) => {
        const response = await session.send('POST', `/api/parcels/${V02_SURVEYED}/transitions`, {
          axis: 'signing',
          to: 'appraised',
          note: '评估',
        });
        expect(response.status).toBe(403);
        expect((await response.json()).error).toMatch(/outside the team's villages/);
      },
      'team',
      ['V01'],
    );
    await withSignedInApp(async ({ session }) => {
      const response = await session.send('POST', `/api/parcels/${V02_SURVEYED}/transitions`, {
        axis: 'signing',
        to: 'appraised',
        note: '评估',
      });
      expect(response.status).toBe(403);
    }, 'viewer');
  });

  it('refuses a missing note or a bad body with 400 naming the field', () =>
    withSignedInApp(async ({ session }) => {
      const response = await session.send('POST', `/api/parcels/${V02_SURVEYED}/transitions`, {
        axis: 'signing',
        to: 'appraised',
        note: '  ',
      });
      expect(response.status).toBe(400);
      expect((await response.json()).details.map((detail: { field: string }) => detail.field)).toEqual([
        'note',
      ]);
      const future = await session.send('POST', `/api/parcels/${V02_SURVEYED}/transitions`, {
        axis: 'sideways',
        to: 'appraised',
        note: 'n',
        at: '2099-01-01T00:00:00Z',
      });
      expect((await future.json()).details.map((detail: { field: string }) => detail.field)).toEqual([
        'axis',
        'at',
      ]);
    }));

  it('refuses a stale version with 409 and the current record', () =>
    withSignedInApp(async ({ session }) => {
      const first = await session.send(
        'POST',
        `/api/parcels/${V02_SURVEYED}/transitions`,
        { axis: 'signing', to: 'appraised', note: '评估完成' },
        { 'If-Match': '"v1"' },
      );
      expect(first.status).toBe(201);
      const stale = await session.send(
        'POST',
        `/api/parcels/${V02_SURVEYED}/transitions`,
        { axis: 'signing', to: 'signed', note: '签约' },
        { 'If-Match': '"v1"' },
      );
      expect(stale.status).toBe(409);
      const body = await stale.json();
      expect(body.current).toMatchObject({ id: V02_SURVEYED, version: 2, signing: 'appraised' });
      expect(body.details[0].field).toBe('If-Match');
    }));

  it('agrees with the transition rules for every status pair, in both axes (409 with the rule in zh and en)', () =>
    withSignedInApp(async ({ store, session }) => {
      for (const [axis, statuses] of [
        ['signing', SIGNING_STATUSES],
        ['clearance', CLEARANCE_STATUSES],
      ] as const) {
        for (const id of [V01_APPRAISED_FARMLAND, V01_SIGNED_VACATED, V02_SURVEYED]) {
          for (const target of statuses) {
            const before = {
              ...(store.parcel(id)?.summary as NonNullable<ReturnType<typeof store.parcel>>['summary']),
            };
            const expected = checkTransition(before, { axis, to: target.code, role: 'hq', note: '核对' });
            const response = await session.send(
              'POST',
              `/api/parcels/${id}/transitions`,
              { axis, to: target.code, note: '核对' },
              { 'If-Match': `"v${before.version}"` },
            );
            expect(response.status, `${id} ${axis} ${before[axis]} → ${target.code}`).toBe(
              expected.allowed ? 201 : 409,
            );
            if (!expected.allowed) {
              const body = await response.json();
              expect(body.error).toBe(`${expected.message.zh} / ${expected.message.en}`);
              expect(store.parcel(id)?.summary.version).toBe(before.version);
            }
          }
        }
      }
    }));

  it('lets only hq correct backwards, with a reason, recorded as a correction', async () => {
    await withSignedInApp(
      async ({ session }) => {
        const response = await session.send('POST', `/api/parcels/${V01_SIGNED_VACATED}/transitions`, {
          axis: 'clearance',
          to: 'occupied',
          note: '误报',
        });
        expect(response.status).toBe(409);
        expect((await response.json()).error).toMatch(/only the command centre/);
      },
      'team',
      ['V01'],
    );
    await withSignedInApp(async ({ session }) => {
      const response = await session.send('POST', `/api/parcels/${V01_SIGNED_VACATED}/transitions`, {
        axis: 'clearance',
        to: 'occupied',
        note: '误报，实际未腾空',
      });
      expect(response.status).toBe(201);
      expect((await response.json()).events[0].kind).toBe('correction');
    });
  });

  it('is durable: a committed change is in the GeoPackage when it is opened again', async () => {
    const temporary = temporaryStore();
    try {
      const app = createApp(temporary.store);
      await addTestUser(temporary.store, 'hq', 'hq');
      const session = await signIn(app, 'hq');
      await session.send('POST', `/api/parcels/${V02_SURVEYED}/transitions`, {
        axis: 'signing',
        to: 'appraised',
        note: '评估',
      });
      temporary.store.close();
      const reopened = GeoPackageStore.open(temporary.path);
      expect(reopened.parcel(V02_SURVEYED)?.summary).toMatchObject({ signing: 'appraised', version: 2 });
      expect(reopened.events({ parcelId: V02_SURVEYED }).at(-1)).toMatchObject({
        to: 'appraised',
        user: 'hq',
      });
      reopened.close();
    } finally {
      try {
        temporary.remove();
      } catch {
        // The store was already closed above.
      }
    }
  });
});

describe('POST /api/transitions/bulk', () => {
  it('applies a selection all-or-nothing: one illegal change refuses the whole batch', () =>
    withSignedInApp(async ({ store, session }) => {
      const before = store.events({}).length;
      const refused = await session.send('POST', '/api/transitions/bulk', {
        parcelIds: [7, V02_SURVEYED, 10],
        axis: 'signing',
        to: 'surveyed',
        note: '批量调查',
      });
      expect(refused.status).toBe(409);
      const body = await refused.json();
      // 8 is already surveyed; 10 (appraised) moving back to surveyed is a correction hq may make.
      expect(body.failures.map((failure: { parcelId: number }) => failure.parcelId)).toEqual([V02_SURVEYED]);
      expect(store.parcel(10)?.summary.signing).toBe('appraised');
      expect(store.events({}).length).toBe(before);
      expect(store.parcel(7)?.summary).toMatchObject({ signing: 'unsurveyed', version: 1 });
      const accepted = await session.send('POST', '/api/transitions/bulk', {
        parcelIds: [7],
        axis: 'signing',
        to: 'surveyed',
        note: '批量调查',
      });
      expect(accepted.status).toBe(201);
      expect(store.events({}).length).toBe(before + 1);
    }));

  it('is for hq only', () =>
    withSignedInApp(
      async ({ session }) => {
        const response = await session.send('POST', '/api/transitions/bulk', {
          parcelIds: [1],
          axis: 'signing',
          to: 'surveyed',
          note: 'n',
        });
        expect(response.status).toBe(403);
      },
      'team',
      ['V01'],
    ));
});

describe('problems', () => {
  it('a team reports on its village; hq assigns and resolves; the history keeps it all', async () => {
    const temporary = temporaryStore();
    try {
      const app = createApp(temporary.store);
      await addTestUser(temporary.store, 'team', 'team', ['V01']);
      await addTestUser(temporary.store, 'hq', 'hq');
      const team = await signIn(app, 'team');
      const hq = await signIn(app, 'hq');
      const otherVillage = await team.send('POST', `/api/parcels/${V02_SURVEYED}/problems`, {
        kind: 'areaDispute',
        description: '面积有争议',
      });
      expect(otherVillage.status).toBe(403);
      const reported = await team.send('POST', `/api/parcels/${V01_APPRAISED_FARMLAND}/problems`, {
        kind: 'ownershipDispute',
        description: '兄弟二人对宅基地权属有争议',
      });
      expect(reported.status).toBe(201);
      const { problem } = await reported.json();
      expect(problem).toMatchObject({ status: 'open', village: 'V01', reportedBy: 'team' });
      expect(
        (await team.send('POST', `/api/problems/${problem.id}/assign`, { assignee: '法律顾问' })).status,
      ).toBe(403);
      expect(
        (
          await hq.send('POST', `/api/problems/${problem.id}/assign`, {
            assignee: '法律顾问',
            note: '请核实',
          })
        ).status,
      ).toBe(200);
      const resolved = await hq.send('POST', `/api/problems/${problem.id}/resolve`, { note: '已调解' });
      expect((await resolved.json()).problem.status).toBe('resolved');
      expect((await hq.send('POST', `/api/problems/${problem.id}/resolve`, { note: '再次' })).status).toBe(
        409,
      );
      const open = await (await hq.request('/api/problems?status=open,assigned')).json();
      expect(open.problems).toEqual([]);
      const history = await (await hq.request(`/api/parcels/${V01_APPRAISED_FARMLAND}/events`)).json();
      expect(
        history.events
          .filter((event: { axis: string }) => event.axis === 'problem')
          .map((event: { to: string }) => event.to),
      ).toEqual(['open', 'assigned', 'resolved']);
    } finally {
      temporary.remove();
    }
  });
});
