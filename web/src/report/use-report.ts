/** The report page's data: the session, the report of a date, the progress series and the plans. */
import { useCallback, useEffect, useState } from 'react';
import type {
  DailyReport,
  PlansResponse,
  ProgressSeries,
} from '../../../server/domain/reports/report-types.ts';
import { ApiError, api, type SessionInfo } from '../api/client.ts';

export type Load<Data> =
  | { status: 'loading' }
  | { status: 'ready'; data: Data }
  | { status: 'error'; error: Error }
  | { status: 'signed-out' };

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/**
 * One GET per key: loading, then ready or error; a 401 is "signed out" (the page offers the sign-in). A newer
 * key aborts the older request, so a quick run through the days shows the last one asked for.
 */
function useLoad<Data>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<Data>,
): [Load<Data>, () => void] {
  const [state, setState] = useState<Load<Data>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new closure each render; the key names it
  useEffect(() => {
    void attempt;
    if (key === null) return;
    const controller = new AbortController();
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    load(controller.signal)
      .then((data) => setState({ status: 'ready', data }))
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        if (reason instanceof ApiError && reason.status === 401) setState({ status: 'signed-out' });
        else setState({ status: 'error', error: toError(reason) });
      });
    return () => controller.abort();
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  return [state, reload];
}

export function useReportSession(): Load<SessionInfo> {
  return useLoad('session', (signal) => api.session(signal))[0];
}

/** The report of `date` (null: today). While the next day loads, the previous report stays on screen. */
export function useDailyReport(date: string | null, enabled: boolean): [Load<DailyReport>, () => void] {
  return useLoad(enabled ? `report:${date ?? 'today'}` : null, (signal) => api.dailyReport(date, signal));
}

export function useProgress(enabled: boolean, reloadKey: string): Load<ProgressSeries> {
  return useLoad(enabled ? `progress:${reloadKey}` : null, (signal) => api.progress(signal))[0];
}

export function usePlans(enabled: boolean): [Load<PlansResponse>, () => void] {
  return useLoad(enabled ? 'plans' : null, (signal) => api.plans(signal));
}
