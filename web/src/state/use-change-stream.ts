import { useEffect, useRef, useState } from 'react';
import { watchChanges } from '../api/client.ts';
import type { LiveChange } from '../api/types.ts';

/** Pushed changes are handed on in batches: a bulk change of 2,000 parcels is one re-colour, not 2,000. */
const BATCH_MS = 120;

export type StreamState = 'connecting' | 'live' | 'reconnecting';

export interface ChangeStreamHandlers {
  onChanges(changes: readonly LiveChange[]): void;
  /** (Re)connected: whatever was missed before is re-read, not replayed. */
  onReady(): void;
}

/**
 * One Server-Sent Events connection for the whole dashboard (`GET /api/events/stream`), open while signed in.
 * Handlers are read through a ref, so new closures never reconnect.
 */
export function useChangeStream(enabled: boolean, handlers: ChangeStreamHandlers): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    let pending: LiveChange[] = [];
    let timer: number | undefined;
    const flush = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      if (batch.length > 0) handlersRef.current.onChanges(batch);
    };
    setState('connecting');
    const stop = watchChanges({
      onChange: (change) => {
        pending.push(change);
        timer ??= window.setTimeout(flush, BATCH_MS);
      },
      onReady: () => {
        setState('live');
        handlersRef.current.onReady();
      },
      onDisconnect: () => setState('reconnecting'),
    });
    return () => {
      stop();
      window.clearTimeout(timer);
    };
  }, [enabled]);

  return state;
}
