import '../auth.css';
import { useNavigate } from '../../../navigation/navigation.tsx';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useLogout } from '../api/logout.ts';

export function LogoutButton() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <button
      type="button"
      className="button button--ghost logout"
      disabled={logout.isPending}
      onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
    >
      {t('panel.logout')}
    </button>
  );
}
