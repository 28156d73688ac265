import './shell.css';
import type { Me } from '../../core/contract/account.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';

/** Whose code the panel shows: the citizen or a linked family member, as big radio buttons. */
export function ProfileSwitcher({ me, selectedId, onSelect }: { me: Me; selectedId: string; onSelect: (id: string) => void }) {
  const { t } = useI18n();
  if (me.dependants.length === 0) return null;
  const options = [{ profile: me.citizen, label: `${t('panel.self')} ${me.citizen.maskedName}` }].concat(
    me.dependants.map((profile) => ({ profile, label: profile.maskedName })),
  );
  return (
    <fieldset className="profile-switcher">
      <legend className="visually-hidden">{t('panel.viewing')}</legend>
      {options.map(({ profile, label }) => (
        <label key={profile.id} className="profile-switcher__option">
          <input type="radio" name="profile" value={profile.id} checked={profile.id === selectedId} onChange={() => onSelect(profile.id)} />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
