import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, type SessionInfo, type SessionUser } from '../api/client.ts';
import { forgetPreloadedSession, preloadedSession } from './park-data-loader.ts';

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; error: ApiError | Error | null }
  | { status: 'signed-in'; user: SessionUser; csrfToken: string };

export interface SessionHandle {
  session: SessionState;
  signIn(username: string, password: string): Promise<void>;
  signOut(): void;
  /** A data request answered 401: the session expired or was revoked. */
  expire(): void;
}

/** The sign-in session (an HttpOnly cookie the server sets); every data route but `/api/meta` needs one. */
export function useSession(): SessionHandle {
  // The entry module asked already (park-data-loader.ts); when its answer is in, the first render is signed in and
  // the park's data is not held back by a second round trip.
  const [session, setSession] = useState<SessionState>(() => {
    const arrived = preloadedSession()?.arrived;
    return arrived ? signedIn(arrived.value) : { status: 'checking' };
  });
  const sessionRef = useRef(session);
  useEffect(() => {
    sessionRef.current = session;
  });

  useEffect(() => {
    const controller = new AbortController();
    const preloaded = preloadedSession();
    forgetPreloadedSession();
    (preloaded?.promise ?? api.session(controller.signal))
      .then((answer) => {
        if (controller.signal.aborted) return;
        // The same answer as the first render's keeps the same state: no second render.
        setSession((current) =>
          current.status === 'signed-in' && current.user === answer.user ? current : signedIn(answer),
        );
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const unauthorised = error instanceof ApiError && error.status === 401;
        setSession({ status: 'signed-out', error: unauthorised ? null : toError(error) });
      });
    return () => controller.abort();
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    try {
      setSession(signedIn(await api.signIn(username, password)));
    } catch (error) {
      setSession({ status: 'signed-out', error: toError(error) });
    }
  }, []);

  const signOut = useCallback(() => {
    const current = sessionRef.current;
    // Signed out on screen at once; the server forgets the session when the request arrives.
    if (current.status === 'signed-in') void api.signOut(current.csrfToken).catch(() => undefined);
    setSession({ status: 'signed-out', error: null });
  }, []);

  const expire = useCallback(() => setSession({ status: 'signed-out', error: null }), []);

  return { session, signIn, signOut, expire };
}

function signedIn({ user, csrfToken }: SessionInfo): SessionState {
  return { status: 'signed-in', user, csrfToken };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
