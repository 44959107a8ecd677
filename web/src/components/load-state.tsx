import { ApiError } from '../api/client.ts';
import { HTML_LANG, LANGUAGES } from '../i18n/dictionary.ts';
import { languageTools } from '../i18n/use-language.ts';

const BOTH = LANGUAGES.map((language) => languageTools(language));

/**
 * Loading and failure, in both languages at once: when the server is down the operator must understand the
 * message whichever language the link asked for.
 *
 * Loading is said in words, without a spinner: a running CSS animation has the browser composite the whole page
 * every frame, which without a GPU (software WebGL, as on many intranet PCs) keeps the GPU process busy for
 * 50–350 ms a frame, and every synchronous WebGL call of the map's first frame with parcels waits behind those
 * frames: about 200 ms more before the parcels appear, measured at 10k parcels.
 */
export function LoadState({ error, onRetry }: { error: Error | null; onRetry(): void }) {
  if (error === null) {
    return (
      <div className="load-state" role="status" data-testid="loading">
        {BOTH.map(({ language, t }) => (
          <p key={language} lang={HTML_LANG[language]}>
            {t('loading')}
          </p>
        ))}
      </div>
    );
  }
  const detail = error instanceof ApiError ? `HTTP ${error.status} · ${error.path}` : error.message;
  return (
    <div className="load-state load-state--error" role="alert" data-testid="load-error">
      {BOTH.map(({ language, t }) => (
        <p key={language} className="load-state__title" lang={HTML_LANG[language]}>
          {t('errorTitle')}
        </p>
      ))}
      <p className="load-state__detail">{detail}</p>
      <button type="button" className="button button--primary" onClick={onRetry} data-testid="retry">
        {BOTH.map(({ t }) => t('retry')).join(' / ')}
      </button>
    </div>
  );
}
