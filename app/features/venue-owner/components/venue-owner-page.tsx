import '../../../ui/record-list.css';
import '../venue-owner.css';
import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from '../../../navigation/navigation.tsx';
import { venueKind, type VenueKind, venueLimits } from '../../../../core/contract/venues.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { ErrorState, FormError, LoadingState } from '../../../ui/status-views.tsx';
import { TextField } from '../../../ui/text-field.tsx';
import { useMyVenues } from '../api/get-my-venues.ts';
import { useRegisterVenue } from '../api/register-venue.ts';
import { KioskPairing } from './kiosk-pairing.tsx';
import { VenueApprovalStatus } from './venue-approval-status.tsx';
import { canRequestKiosk } from '../venue-approval.ts';
import { validateVenueDraft, type VenueDraft, type VenueFieldError } from '../venue-form.ts';

/** 场所码申领: register a venue and reach the posters of the ones already registered. */
export function VenueOwnerPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const venues = useMyVenues();
  const register = useRegisterVenue();
  const [draft, setDraft] = useState<VenueDraft>({ name: '', district: '', address: '' });
  const [kind, setKind] = useState<VenueKind>('shop');
  const [errors, setErrors] = useState<ReturnType<typeof validateVenueDraft>>({});

  const fieldError = (error: VenueFieldError | undefined) =>
    error ? t(error.key, { field: t(error.field), max: error.max ?? 0 }) : null;
  const set = (field: keyof VenueDraft) => (value: string) => setDraft((current) => ({ ...current, [field]: value }));

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateVenueDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    register.mutate(
      { name: draft.name, district: draft.district, address: draft.address, kind },
      { onSuccess: ({ venue }) => navigate(`/venues/${venue.number}/poster`) },
    );
  };

  return (
    <main className="page">
      <PageHeader title={t('venue.title')} backTo="/scan" />
      <form className="card venue-form" onSubmit={submit} noValidate>
        <h2>{t('venue.form.title')}</h2>
        <TextField label={t('venue.name')} value={draft.name} onValueChange={set('name')} maxLength={venueLimits.name} error={fieldError(errors.name)} />
        <TextField label={t('venue.district')} value={draft.district} onValueChange={set('district')} maxLength={venueLimits.district} error={fieldError(errors.district)} />
        <TextField label={t('venue.address')} value={draft.address} onValueChange={set('address')} maxLength={venueLimits.address} error={fieldError(errors.address)} />
        <label className="field">
          <span className="field__label">{t('venue.kind')}</span>
          <select className="field__input" value={kind} onChange={(event) => setKind(venueKind.parse(event.target.value))}>
            {venueKind.options.map((option) => (
              <option key={option} value={option}>
                {t(`venue.kind.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <FormError error={register.error} />
        <button type="submit" className="button button--primary" disabled={register.isPending}>
          {t(register.isPending ? 'venue.submitting' : 'venue.submit')}
        </button>
      </form>
      <section className="card" aria-labelledby="my-venues">
        <h2 id="my-venues">{t('venue.mine')}</h2>
        {venues.isPending ? (
          <LoadingState />
        ) : venues.isError ? (
          <ErrorState error={venues.error} onRetry={() => void venues.refetch()} />
        ) : venues.data.venues.length === 0 ? (
          <p className="empty">{t('venue.none')}</p>
        ) : (
          <ul className="record-list">
            {venues.data.venues.map((venue) => (
              <li key={venue.number} className="record">
                <h3 className="record__title">{venue.name}</h3>
                <p>
                  {t('venue.number')} {venue.number} · {venue.district}
                </p>
                <VenueApprovalStatus venue={venue} />
                <Link to={`/venues/${venue.number}/poster`} className="button button--secondary">
                  {t('venue.poster')}
                </Link>
                {canRequestKiosk(venue) && <KioskPairing venue={venue} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
