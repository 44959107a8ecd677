import { type FormEvent, useState } from 'react';
import { errorText } from '../api/client.ts';
import { useLanguage } from '../i18n/use-language.ts';

/** Every data route needs a session: the dashboard asks for one over the map, and loads the park once signed in. */
export function SignInForm({
  error,
  onSignIn,
}: {
  error: Error | null;
  onSignIn(username: string, password: string): Promise<void>;
}) {
  const { t, language } = useLanguage();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    void onSignIn(username, password).finally(() => setBusy(false));
  };
  return (
    <div className="load-state">
      <form className="sign-in" onSubmit={submit} data-testid="sign-in">
        <h2 className="section-title">{t('signInTitle')}</h2>
        <label className="sign-in__field">
          <span>{t('username')}</span>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            data-testid="sign-in-username"
            required
          />
        </label>
        <label className="sign-in__field">
          <span>{t('password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="sign-in-password"
            required
          />
        </label>
        {error && (
          <p className="error-text" role="alert" data-testid="sign-in-error">
            {errorText(error, language)}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy} data-testid="sign-in-submit">
          {t('signIn')}
        </button>
      </form>
    </div>
  );
}
