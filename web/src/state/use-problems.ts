import { useCallback, useEffect, useState } from 'react';
import type { Problem } from '../../../server/domain/problems.ts';
import { api } from '../api/client.ts';
import { upsertProblems } from './problem-list.ts';

export interface ProblemsHandle {
  problems: readonly Problem[];
  /** Problems pushed over the stream or returned by our own actions (newer versions only). */
  add(problems: readonly Problem[]): void;
  reload(): void;
}

/** Every reported problem (a few hundred at most), kept current by pushed changes. */
export function useProblems(enabled: boolean): ProblemsHandle {
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    void generation;
    if (!enabled) {
      setProblems([]);
      return;
    }
    const controller = new AbortController();
    api
      .problems(controller.signal)
      .then((loaded) => setProblems((current) => upsertProblems(current, loaded)))
      .catch(() => undefined); // markers and the list wait for the next reconnection or action
    return () => controller.abort();
  }, [enabled, generation]);

  const add = useCallback((incoming: readonly Problem[]) => {
    setProblems((current) => upsertProblems(current, incoming));
  }, []);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { problems, add, reload };
}
