import { useCallback, useEffect, useState } from 'react';
import {
  type ImportCommitResult,
  type ImportOptionsInput,
  type ImportSessionView,
  importApi,
  uploadSurvey,
} from '../api/client.ts';
import { planSurveyUpload, zipShapefileParts } from './survey-files.ts';

export type SurveyImportState =
  | { step: 'choose'; error: Error | { zh: string; en: string } | null }
  | { step: 'uploading'; loaded: number; total: number }
  | { step: 'session'; view: ImportSessionView; busy: boolean; error: Error | null }
  | { step: 'done'; result: ImportCommitResult };

/** Phases in which the server is still working and the session is polled. */
const WORKING = new Set(['uploaded', 'reading', 'validating', 'committing']);
const POLL_MS = 400;

/**
 * The import dialog's state machine: choose → upload (progress) → the server reads and validates (polled) → the
 * report → commit or cancel. Leaving the dialog cancels an uncommitted session, so its file is removed at once.
 */
export function useSurveyImport(csrfToken: string) {
  const [state, setState] = useState<SurveyImportState>({ step: 'choose', error: null });
  const sessionId = state.step === 'session' ? state.view.id : null;
  const phase = state.step === 'session' ? state.view.progress.phase : null;

  // Each new view (a poll answered) schedules the next poll while the server is still working.
  const view = state.step === 'session' ? state.view : null;
  useEffect(() => {
    if (!view || !WORKING.has(view.progress.phase)) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      importApi
        .session(view.id, controller.signal)
        .then((next) =>
          setState((current) => (current.step === 'session' ? { ...current, view: next } : current)),
        )
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setState((current) =>
            current.step === 'session' ? { ...current, error: error as Error, busy: false } : current,
          );
        });
    }, POLL_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [view]);

  const start = useCallback(
    async (files: readonly File[], removeMissing: boolean) => {
      const plan = planSurveyUpload(files.map((file) => file.name));
      if (plan.kind === 'invalid') {
        setState({ step: 'choose', error: plan });
        return;
      }
      let body: Blob;
      let name: string;
      if (plan.kind === 'single') {
        body = files[plan.index] as File;
        name = (files[plan.index] as File).name;
      } else {
        const parts = await Promise.all(
          files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
        );
        body = new Blob([zipShapefileParts(parts) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
        name = plan.name;
      }
      setState({ step: 'uploading', loaded: 0, total: body.size });
      try {
        const view = await uploadSurvey(body, name, { removeMissing }, csrfToken, (loaded, total) =>
          setState({ step: 'uploading', loaded, total }),
        );
        setState({ step: 'session', view, busy: false, error: null });
      } catch (error) {
        setState({ step: 'choose', error: error as Error });
      }
    },
    [csrfToken],
  );

  const update = useCallback(
    async (options: ImportOptionsInput) => {
      if (!sessionId) return;
      setState((current) => (current.step === 'session' ? { ...current, busy: true, error: null } : current));
      try {
        const view = await importApi.update(sessionId, options, csrfToken);
        setState({ step: 'session', view, busy: false, error: null });
      } catch (error) {
        setState((current) =>
          current.step === 'session' ? { ...current, busy: false, error: error as Error } : current,
        );
      }
    },
    [sessionId, csrfToken],
  );

  const commit = useCallback(async () => {
    if (!sessionId) return;
    setState((current) => (current.step === 'session' ? { ...current, busy: true, error: null } : current));
    try {
      const result = await importApi.commit(sessionId, csrfToken);
      setState({ step: 'done', result });
    } catch (error) {
      setState((current) =>
        current.step === 'session' ? { ...current, busy: false, error: error as Error } : current,
      );
    }
  }, [sessionId, csrfToken]);

  /** Ends an uncommitted session (its uploaded file is deleted on the server). */
  const discard = useCallback(() => {
    if (sessionId && phase !== 'committed')
      void importApi.cancel(sessionId, csrfToken).catch(() => undefined);
    setState({ step: 'choose', error: null });
  }, [sessionId, phase, csrfToken]);

  return { state, start, update, commit, discard };
}
