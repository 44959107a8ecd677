import { describe, expect, it } from 'vitest';
import { withSignedInApp } from '../support/api-session.ts';

interface ServerSentEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads Server-Sent Events from a streaming response until `done` says so (or the time runs out). */
async function readEvents(
  response: Response,
  done: (events: ServerSentEvent[]) => boolean,
  timeoutMilliseconds = 5000,
): Promise<ServerSentEvent[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: ServerSentEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMilliseconds;
  try {
    while (!done(events) && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((resolve) =>
          setTimeout(() => resolve({ done: true, value: undefined }), Math.max(0, deadline - Date.now())),
        ),
      ]);
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let boundary = buffer.indexOf('\n\n');
      while (boundary !== -1) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const event: ServerSentEvent = {};
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(':');
          const value = rest.join(':').replace(/^ /, '');
          if (field === 'id' || field === 'event' || field === 'data') event[field] = value;
        }
        if (event.event || event.data) events.push(event);
        boundary = buffer.indexOf('\n\n');
      }
    }
  } finally {
    await reader.cancel();
  }
  return events;
}

describe('GET /api/events/stream', () => {
  it('pushes each committed change with its event id and the parcel as it now is', () =>
    withSignedInApp(async ({ session }) => {
      const stream = await session.request('/api/events/stream');
      expect(stream.headers.get('Content-Type')).toMatch(/text\/event-stream/);
      const reading = readEvents(stream, (events) => events.some((event) => event.event === 'change'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const change = await session.send('POST', '/api/parcels/8/transitions', {
        axis: 'signing',
        to: 'appraised',
        note: '评估完成',
      });
      const { events: committed } = await change.json();
      const events = await reading;
      expect(events[0]?.event).toBe('ready');
      const pushed = events.find((event) => event.event === 'change');
      expect(pushed?.id).toBe(String(committed[0].id));
      const payload = JSON.parse(pushed?.data ?? '{}');
      expect(payload.parcel).toMatchObject({ id: 8, signing: 'appraised', version: 2 });
      expect(payload.event).toMatchObject({
        axis: 'signing',
        from: 'surveyed',
        to: 'appraised',
        note: '评估完成',
      });
    }));

  it('replays what a client missed after its Last-Event-ID, in order, before going live', () =>
    withSignedInApp(async ({ session }) => {
      const ids: number[] = [];
      for (const [id, to] of [
        [8, 'appraised'],
        [7, 'surveyed'],
        [8, 'signed'],
      ] as const) {
        const response = await session.send('POST', `/api/parcels/${id}/transitions`, {
          axis: 'signing',
          to,
          note: '推进',
        });
        ids.push((await response.json()).events[0].id);
      }
      const resumed = await session.request('/api/events/stream', {
        headers: { 'Last-Event-ID': String(ids[0]) },
      });
      const events = await readEvents(resumed, (received) =>
        received.some((event) => event.event === 'ready'),
      );
      const replayed = events.filter((event) => event.event === 'change');
      expect(replayed.map((event) => Number(event.id))).toEqual(ids.slice(1));
      expect(JSON.parse(replayed[1]?.data ?? '{}').parcel).toMatchObject({ id: 8, signing: 'signed' });
    }));

  it('needs a session', () =>
    withSignedInApp(async ({ app }) => {
      expect((await app.request('/api/events/stream')).status).toBe(401);
    }));
});
