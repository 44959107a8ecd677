import { ROLES } from '../../../server/domain/users.ts';
import type { SessionUser } from '../api/client.ts';
import { useLanguage } from '../i18n/use-language.ts';

/** Who is signed in, with which role (from the domain's role table), and the way out. */
export function UserMenu({ user, onSignOut }: { user: SessionUser; onSignOut(): void }) {
  const { t, label } = useLanguage();
  const role = ROLES.find((entry) => entry.code === user.role);
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-menu__name">
        {user.displayName}
        {role && <span className="user-menu__role">{label(role)}</span>}
      </span>
      <button type="button" className="button button--quiet" onClick={onSignOut} data-testid="sign-out">
        {t('signOut')}
      </button>
    </div>
  );
}
