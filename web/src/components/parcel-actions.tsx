import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import { PROBLEM_KINDS, PROBLEM_STATUSES, type Problem } from '../../../server/domain/problems.ts';
import { canEditParcel, type User } from '../../../server/domain/users.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { ColouredChip } from './coloured-chip.tsx';

/**
 * What the signed-in user may do with this household, decided by the domain's `canEditParcel` (the rule the server
 * applies): hq anywhere, a team in its own villages, a leader nothing. Also the household's unresolved problems.
 */
export function ParcelActions({
  user,
  parcel,
  activeProblems,
  onChangeStatus,
  onReportProblem,
}: {
  user: User;
  parcel: ParcelSummary;
  activeProblems: readonly Problem[];
  onChangeStatus(): void;
  onReportProblem(): void;
}) {
  const { t, label, formats } = useLanguage();
  const permission = canEditParcel(user, parcel);
  return (
    <div className="parcel-actions" data-testid="parcel-actions">
      {permission.allowed ? (
        <div className="parcel-actions__buttons">
          <button
            type="button"
            className="button button--primary button--large"
            onClick={onChangeStatus}
            data-testid="transition-open"
          >
            {t('changeStatus')}
          </button>
          <button
            type="button"
            className="button button--large"
            onClick={onReportProblem}
            data-testid="problem-report-open"
          >
            {t('reportProblem')}
          </button>
        </div>
      ) : (
        <p className="hint parcel-actions__why" data-testid="parcel-read-only">
          {user.role === 'viewer' ? t('readOnlyHint') : label(permission.message)}
        </p>
      )}
      {activeProblems.length > 0 && (
        <div className="parcel-problems" data-testid="parcel-problems">
          <p className="parcel-problems__title">
            {t('activeProblems', { count: formats.integer(activeProblems.length) })}
          </p>
          <ul>
            {activeProblems.map((problem) => {
              const status = PROBLEM_STATUSES.find((entry) => entry.code === problem.status);
              const kind = PROBLEM_KINDS.find((entry) => entry.code === problem.kind);
              return (
                <li key={problem.id}>
                  {status && <ColouredChip status={status} label={label(status)} small />}
                  <strong>{kind ? label(kind) : problem.kind}</strong>
                  <span className="parcel-problems__text">{problem.description}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
