import '../antigen.css';
import { useId, useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from '../../../navigation/navigation.tsx';
import { antigenLimits, antigenResult, type AntigenResult } from '../../../../core/contract/antigen.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { TextField } from '../../../ui/text-field.tsx';
import { validateAntigenForm, type AntigenFormErrors } from '../antigen-form.ts';
import { useAntigenKits } from '../api/get-antigen-kits.ts';
import { useQueueAntigenUpload } from '../api/queue-antigen-upload.ts';
import { useCassettePhoto } from '../hooks/use-cassette-photo.ts';
import { useKitFields } from '../hooks/use-kit-fields.ts';
import { instantToShanghaiLocal } from '../../../../core/shanghai-time.ts';
import { CassettePhotoFields } from './cassette-photo-fields.tsx';
import { KitUdiFields } from './kit-udi-fields.tsx';

/** Now in Shanghai as the time field takes it: read at each render, so a form left open still allows a later test time. */
const nowInShanghai = () => instantToShanghaiLocal(Date.now());

/** The 疫测达 form: result, time, kit and lot, and a photo of the cassette, saved to the outbox. */
export function AntigenUploadPage({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queue = useQueueAntigenUpload(citizenId);
  const kits = useAntigenKits().data?.kits;
  const [result, setResult] = useState<AntigenResult | null>(null);
  const [testedAt, setTestedAt] = useState(nowInShanghai);
  const [errors, setErrors] = useState<AntigenFormErrors>({});
  const resultErrorId = useId();
  const kit = useKitFields(kits, () => setErrors((current) => ({ ...current, gtin: undefined, serial: undefined, expiresOn: undefined, lot: undefined, kit: undefined })));
  const photo = useCassettePhoto(kit.knownKit, kits, (problem?: MessageKey) => setErrors((current) => ({ ...current, photo: problem })));
  // One camera at a time: the kit scanner and the cassette camera close each other.
  const [shooting, setShooting] = useState(false);

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const outcome = validateAntigenForm({ result, testedAt, ...kit.values, photo: photo.photo }, Date.now(), kits ?? null);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      return;
    }
    setErrors({});
    queue.mutate(outcome.upload, {
      onSuccess: () => navigate(outcome.upload.result === 'positive' ? '/antigen/positive' : '/antigen/saved', { replace: true }),
    });
  }

  return (
    <main className="page">
      <PageHeader title={t('antigen.upload.title')} />
      <form className="card form antigen-form" noValidate onSubmit={onSubmit}>
        <fieldset className="choice-group" aria-describedby={errors.result ? resultErrorId : undefined}>
          <legend>{t('antigen.upload.result')}</legend>
          {antigenResult.options.map((option) => (
            <label key={option} className="choice">
              <input type="radio" name="result" value={option} checked={result === option} onChange={() => setResult(option)} />
              {t(`antigen.result.${option}`)}
            </label>
          ))}
        </fieldset>
        {errors.result && (
          <p id={resultErrorId} className="field__error" role="alert">
            {t(errors.result)}
          </p>
        )}
        <TextField
          label={t('antigen.upload.testedAt')}
          type="datetime-local"
          value={testedAt}
          max={nowInShanghai()}
          onValueChange={setTestedAt}
          error={errors.testedAt ? t(errors.testedAt) : null}
        />
        <KitUdiFields
          fields={kit}
          errors={errors}
          onOpenScanner={() => {
            setShooting(false);
            kit.scan.open();
          }}
        />
        <TextField label={t('antigen.upload.kit')} value={kit.values.kit} onValueChange={kit.set.kit} maxLength={antigenLimits.textMaxLength} error={errors.kit ? t(errors.kit) : null} />
        <TextField label={t('antigen.upload.lot')} value={kit.values.lot} onValueChange={kit.set.lot} maxLength={antigenLimits.textMaxLength} error={errors.lot ? t(errors.lot) : null} />
        <CassettePhotoFields
          photo={photo}
          shooting={shooting}
          setShooting={(open) => {
            if (open) kit.scan.close();
            setShooting(open);
          }}
          error={errors.photo}
          declared={result}
        />
        {queue.isError && (
          <p className="field__error" role="alert">
            {t('antigen.error.save')}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={queue.isPending || photo.busy}>
          {queue.isPending ? t('antigen.upload.saving') : t('antigen.upload.submit')}
        </button>
      </form>
    </main>
  );
}

/** After a negative or invalid result: saved on the phone, uploaded by the outbox. */
export function AntigenSavedPage() {
  const { t } = useI18n();
  return (
    <main className="page">
      <PageHeader title={t('antigen.upload.title')} />
      <div className="status-view" role="status" aria-live="polite">
        <strong>{t('antigen.upload.saved')}</strong>
        <Link to="/" className="button button--primary">
          {t('antigen.positive.home')}
        </Link>
      </div>
    </main>
  );
}

/** A positive self-test: plain next steps instead of a green tick. */
export function AntigenPositivePage() {
  const { t } = useI18n();
  return (
    <main className="page">
      <PageHeader title={t('antigen.positive.title')} />
      <section className="card guidance" role="alert">
        <h2>{t('antigen.positive.title')}</h2>
        <ol className="guidance__steps">
          <li>{t('antigen.positive.stay')}</li>
          <li>{t('antigen.positive.report')}</li>
          <li>{t('antigen.positive.emergency')}</li>
        </ol>
        <p>{t('antigen.upload.saved')}</p>
        <Link to="/" className="button button--primary">
          {t('antigen.positive.home')}
        </Link>
      </section>
    </main>
  );
}
