import '../antigen.css';
import { lazy, Suspense, useEffect, useId, useRef, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { Link, useNavigate } from '../../../navigation/navigation.tsx';
import { antigenLimits, type AntigenPhoto, antigenResult, type AntigenResult } from '../../../../core/contract/antigen.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { TextField } from '../../../ui/text-field.tsx';
import { parseGs1, type Udi } from '../../../../core/gs1.ts';
import { checkScannedKit, validateAntigenForm, type AntigenFormErrors } from '../antigen-form.ts';
import { useAntigenKits } from '../api/get-antigen-kits.ts';
import { useQueueAntigenUpload } from '../api/queue-antigen-upload.ts';
import { PhotoError, resizeFrame, resizePhoto, type PhotoProblem, type ResizedPhoto } from '../resize-photo.ts';
import { instantToShanghaiLocal } from '../../../../core/shanghai-time.ts';
import type { StripReading } from '../../../../core/antigen/strip-reader.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import type { CameraProblem } from '../../../scanner/camera-error.ts';

const photoMessages = {
  notImage: 'antigen.error.photo.notImage',
  corrupt: 'antigen.error.photo.corrupt',
  tooLarge: 'antigen.error.photo.tooLarge',
} as const satisfies Record<PhotoProblem, string>;

/** The camera scanner and its decoder load only when the citizen asks to scan, never with the form. */
const QrScanner = lazy(() => import('../../../scanner/qr-scanner.tsx').then((module) => ({ default: module.QrScanner })));
/** Likewise the cassette camera and its finder. */
const CassetteCamera = lazy(() => import('./cassette-camera.tsx').then((module) => ({ default: module.CassetteCamera })));

/** The photo's JPEG as the form will upload it, for the strip reader. */
const photoBlob = (photo: AntigenPhoto) => new Blob([Uint8Array.from(atob(photo.base64), (char) => char.charCodeAt(0))], { type: photo.type });

const kitScanProblems = {
  denied: 'antigen.scan.problem.denied',
  'no-camera': 'antigen.scan.problem.noCamera',
  busy: 'antigen.scan.problem.busy',
  insecure: 'antigen.scan.problem.insecure',
  unknown: 'antigen.scan.problem.unknown',
} as const satisfies Record<CameraProblem, MessageKey>;

type StripState = { kind: 'reading' } | { kind: 'read'; reading: StripReading };

type ScanNotice = { kind: 'filled' | 'not-udi' | 'unknown' } | { kind: 'expired'; date: string };

/** The 疫测达 form: result, time, kit and lot, and a photo of the cassette, saved to the outbox. */
export function AntigenUploadPage({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queue = useQueueAntigenUpload(citizenId);
  const [result, setResult] = useState<AntigenResult | null>(null);
  const [testedAt, setTestedAt] = useState(() => instantToShanghaiLocal(Date.now()));
  const [kit, setKit] = useState('');
  const [lot, setLot] = useState('');
  const [gtin, setGtin] = useState('');
  const [serial, setSerial] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const kits = useAntigenKits();
  const knownKit = kits.data?.kits.find((candidate) => candidate.gtin === gtin.trim().padStart(14, '0'));
  const [photo, setPhoto] = useState<ResizedPhoto | null>(null);
  const [photoBusy, setPhotoBusy] = useState(false);
  const [strip, setStrip] = useState<StripState | null>(null);
  const [errors, setErrors] = useState<AntigenFormErrors>({});
  const resultErrorId = useId();
  const [scanning, setScanning] = useState(false);
  // One camera at a time: the kit scanner and the cassette camera close each other.
  const [shooting, setShooting] = useState(false);
  const [scanNotice, setScanNotice] = useState<ScanNotice | null>(null);
  // Frames keep arriving while a decision is shown; only the first kit read counts.
  const scanDecided = useRef(false);

  useEffect(() => () => {
    if (photo) URL.revokeObjectURL(photo.previewUrl);
  }, [photo]);

  function onPhotoChosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setShooting(false);
    void acceptPhoto(() => resizePhoto(file));
  }

  function onPhotoTaken(frame: HTMLCanvasElement) {
    setShooting(false);
    void acceptPhoto(() => resizeFrame(frame));
  }

  /** A photo chosen or taken: shrunk as it will be uploaded, then its strip read as a second opinion. */
  async function acceptPhoto(resize: () => Promise<ResizedPhoto>) {
    setPhotoBusy(true);
    setStrip(null);
    try {
      const resized = await resize();
      setPhoto(resized);
      setErrors((current) => ({ ...current, photo: undefined }));
      setStrip({ kind: 'reading' });
      // The reading never blocks the form: a citizen may upload before it is done, and the server reads again.
      void import('../read-strip.ts')
        .then(({ readStripInBrowser, candidateTemplates }) => readStripInBrowser(photoBlob(resized), candidateTemplates(knownKit, kits.data?.kits)))
        .then(
          ({ result: reading }) => setStrip((current) => (current ? { kind: 'read', reading } : current)),
          () => setStrip((current) => (current ? { kind: 'read', reading: 'unreadable' } : current)),
        );
    } catch (error) {
      setPhoto(null);
      setErrors((current) => ({ ...current, photo: error instanceof PhotoError ? photoMessages[error.problem] : 'antigen.error.photo.corrupt' }));
    } finally {
      setPhotoBusy(false);
    }
  }

  /** The whole barcode line typed or pasted (or sent by a scanner acting as a keyboard) fills every kit field. */
  function onGtin(value: string) {
    const parsed = /[()\]]/.test(value) || value.includes('\x1d') || value.length > 14 ? parseGs1(value) : null;
    if (!parsed?.ok) {
      setGtin(value);
      return;
    }
    fillKit(parsed.udi);
  }

  function fillKit(udi: Udi) {
    setGtin(udi.gtin);
    if (udi.serial) setSerial(udi.serial);
    if (udi.lot) setLot(udi.lot);
    if (udi.expiresOn) setExpiresOn(udi.expiresOn);
    const approved = kits.data?.kits.find((candidate) => candidate.gtin === udi.gtin);
    if (approved && kit.trim() === '') setKit(approved.maker);
  }

  function openScanner() {
    setShooting(false);
    scanDecided.current = false;
    setScanNotice(null);
    setScanning(true);
  }

  function onKitScanned(text: string) {
    if (scanDecided.current) return;
    const outcome = checkScannedKit(text, kits.data?.kits ?? null, Date.now());
    if (!outcome.ok && outcome.problem === 'not-udi') {
      setScanNotice({ kind: 'not-udi' });
      return;
    }
    scanDecided.current = true;
    setScanning(false);
    if (outcome.ok) {
      fillKit(outcome.udi);
      setErrors((current) => ({ ...current, gtin: undefined, serial: undefined, expiresOn: undefined, lot: undefined, kit: undefined }));
      setScanNotice({ kind: 'filled' });
    } else setScanNotice(outcome.problem === 'expired' ? { kind: 'expired', date: outcome.expiresOn } : { kind: 'unknown' });
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const outcome = validateAntigenForm({ result, testedAt, kit, lot, photo, gtin, serial, expiresOn }, Date.now(), kits.data?.kits ?? null);
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
          max={instantToShanghaiLocal(Date.now())}
          onValueChange={setTestedAt}
          error={errors.testedAt ? t(errors.testedAt) : null}
        />
        <fieldset className="kit-udi">
          <legend>{t('antigen.upload.udi')}</legend>
          <button type="button" className="button button--secondary" aria-expanded={scanning} onClick={() => (scanning ? setScanning(false) : openScanner())}>
            {t(scanning ? 'antigen.scan.close' : 'antigen.scan.open')}
          </button>
          {scanning && (
            <Suspense fallback={<p role="status">{t('scanner.starting')}</p>}>
              <QrScanner kind="kit" aim="antigen.scan.aim" problems={kitScanProblems} onDecoded={onKitScanned} />
              <p className="field__hint">{t('antigen.scan.typeInstead')}</p>
            </Suspense>
          )}
          {scanNotice?.kind === 'filled' && (
            <p className="kit-udi__scanned" role="status">
              {t('antigen.scan.filled')}
            </p>
          )}
          {scanNotice?.kind === 'not-udi' && <p className="field__hint" role="status">{t('antigen.scan.notUdi')}</p>}
          {(scanNotice?.kind === 'unknown' || scanNotice?.kind === 'expired') && (
            <p className="field__error" role="alert">
              {scanNotice.kind === 'expired' ? t('antigen.scan.expired', { date: scanNotice.date }) : t('antigen.error.kitUnknown')}
            </p>
          )}
          <p className="field__hint">{t('antigen.upload.udi.hint')}</p>
          <TextField label={t('antigen.upload.gtin')} value={gtin} inputMode="text" autoComplete="off" onValueChange={onGtin} error={errors.gtin ? t(errors.gtin) : null} />
          {knownKit && <p className="kit-udi__known">{t('antigen.upload.kitKnown', { maker: knownKit.maker, product: knownKit.product })}</p>}
          <TextField label={t('antigen.upload.serial')} value={serial} maxLength={antigenLimits.textMaxLength} onValueChange={setSerial} error={errors.serial ? t(errors.serial) : null} />
          <TextField label={t('antigen.upload.expiresOn')} type="date" value={expiresOn} onValueChange={setExpiresOn} error={errors.expiresOn ? t(errors.expiresOn) : null} />
        </fieldset>
        <TextField label={t('antigen.upload.kit')} value={kit} onValueChange={setKit} maxLength={antigenLimits.textMaxLength} error={errors.kit ? t(errors.kit) : null} />
        <TextField label={t('antigen.upload.lot')} value={lot} onValueChange={setLot} maxLength={antigenLimits.textMaxLength} error={errors.lot ? t(errors.lot) : null} />
        <fieldset className="cassette-photo">
          <legend>{t('antigen.upload.photo')}</legend>
          <p className="field__hint">{t('antigen.upload.photo.hint')}</p>
          {shooting ? (
            <>
              <Suspense fallback={<p role="status">{t('scanner.starting')}</p>}>
                <CassetteCamera onCapture={onPhotoTaken} />
              </Suspense>
              <button type="button" className="button button--secondary" onClick={() => setShooting(false)}>
                {t('antigen.scan.close')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--primary"
              disabled={photoBusy}
              onClick={() => {
                setScanning(false);
                setShooting(true);
              }}
            >
              {t(photo ? 'antigen.camera.retake' : 'antigen.camera.open')}
            </button>
          )}
          <label className="field">
            <span className="field__label">{t('antigen.camera.album')}</span>
            {/* No capture attribute: this is the way in for a photo already taken, and for a phone whose camera the app cannot open. */}
            <input
              className="field__input field__file"
              type="file"
              accept="image/*"
              aria-invalid={Boolean(errors.photo)}
              disabled={photoBusy}
              onChange={onPhotoChosen}
            />
          </label>
        </fieldset>
        {errors.photo && (
          <p className="field__error" role="alert">
            {t(errors.photo)}
          </p>
        )}
        {photo && (
          <figure className="photo-preview">
            <img src={photo.previewUrl} alt={t('antigen.upload.photo.preview')} width={photo.width} height={photo.height} />
            <figcaption>{t('antigen.upload.photo.ready', { width: photo.width, height: photo.height, kb: Math.ceil(photo.bytes / 1024) })}</figcaption>
          </figure>
        )}
        {photo && strip && <StripOpinion strip={strip} declared={result} />}
        {queue.isError && (
          <p className="field__error" role="alert">
            {t('antigen.error.save')}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={queue.isPending || photoBusy}>
          {queue.isPending ? t('antigen.upload.saving') : t('antigen.upload.submit')}
        </button>
      </form>
    </main>
  );
}

/**
 * What the strip reader read from the photo, beside what the citizen declared, and what a difference
 * means: the upload is kept as declared but waits for a reviewer. Never changes the declaration.
 */
function StripOpinion({ strip, declared }: { strip: StripState; declared: AntigenResult | null }) {
  const { t } = useI18n();
  if (strip.kind === 'reading') {
    return (
      <p className="strip-opinion" role="status">
        {t('antigen.strip.reading')}
      </p>
    );
  }
  const { reading } = strip;
  const agrees = declared !== null && reading === declared;
  const warning = reading === 'unreadable' ? 'antigen.strip.cannotRead' : declared !== null && !agrees ? 'antigen.strip.disagrees' : null;
  return (
    <div className={`strip-opinion${warning ? ' strip-opinion--review' : ''}`} role="status">
      <p>
        <strong>{t('antigen.strip.read', { reading: t(`antigen.strip.${reading}`) })}</strong>
      </p>
      {agrees && <p>{t('antigen.strip.agrees')}</p>}
      {warning && <p>{t(warning)}</p>}
    </div>
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
