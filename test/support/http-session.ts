/** Signing in to a real running server over HTTP, then writing with the session cookie and CSRF token. */
export interface HttpSession {
  send: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
  cookie: string;
  csrfToken: string;
}

export async function signInOverHttp(
  baseUrl: string,
  username: string,
  password: string,
): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  const cookie = (response.headers.get('Set-Cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    send: (method, path, body, headers = {}) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Cookie: cookie,
          'X-CSRF-Token': csrfToken,
          'Content-Type': 'application/json',
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}
