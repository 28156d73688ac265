import { lazy, Suspense } from 'react';
import { antigenLimits } from '../../../../core/contract/antigen.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import type { CameraProblem } from '../../../scanner/camera-error.ts';
import { TextField } from '../../../ui/text-field.tsx';
import type { AntigenFormErrors } from '../antigen-form.ts';
import type { KitFields } from '../hooks/use-kit-fields.ts';

/** The camera scanner and its decoder load only when the citizen asks to scan, never with the form. */
const QrScanner = lazy(() => import('../../../scanner/qr-scanner.tsx').then((module) => ({ default: module.QrScanner })));

const kitScanProblems = {
  denied: 'antigen.scan.problem.denied',
  'no-camera': 'antigen.scan.problem.noCamera',
  busy: 'antigen.scan.problem.busy',
  insecure: 'antigen.scan.problem.insecure',
  unknown: 'antigen.scan.problem.unknown',
} as const satisfies Record<CameraProblem, MessageKey>;

/** The kit's barcode: scanned by the camera (`onOpenScanner` closes the cassette camera first) or typed. */
export function KitUdiFields({ fields, errors, onOpenScanner }: { fields: KitFields; errors: AntigenFormErrors; onOpenScanner: () => void }) {
  const { t } = useI18n();
  const { values, set, knownKit, scan } = fields;
  const notice = scan.notice;
  return (
    <fieldset className="kit-udi">
      <legend>{t('antigen.upload.udi')}</legend>
      <button type="button" className="button button--secondary" aria-expanded={scan.scanning} onClick={scan.scanning ? scan.close : onOpenScanner}>
        {t(scan.scanning ? 'antigen.scan.close' : 'antigen.scan.open')}
      </button>
      {scan.scanning && (
        <Suspense fallback={<p role="status">{t('scanner.starting')}</p>}>
          <QrScanner kind="kit" aim="antigen.scan.aim" problems={kitScanProblems} onDecoded={scan.onDecoded} />
          <p className="field__hint">{t('antigen.scan.typeInstead')}</p>
        </Suspense>
      )}
      {notice?.kind === 'filled' && (
        <p className="kit-udi__scanned" role="status">
          {t('antigen.scan.filled')}
        </p>
      )}
      {notice?.kind === 'not-udi' && <p className="field__hint" role="status">{t('antigen.scan.notUdi')}</p>}
      {(notice?.kind === 'unknown' || notice?.kind === 'expired') && (
        <p className="field__error" role="alert">
          {notice.kind === 'expired' ? t('antigen.scan.expired', { date: notice.date }) : t('antigen.error.kitUnknown')}
        </p>
      )}
      <p className="field__hint">{t('antigen.upload.udi.hint')}</p>
      <TextField label={t('antigen.upload.gtin')} value={values.gtin} inputMode="text" autoComplete="off" onValueChange={set.gtin} error={errors.gtin ? t(errors.gtin) : null} />
      {knownKit && <p className="kit-udi__known">{t('antigen.upload.kitKnown', { maker: knownKit.maker, product: knownKit.product })}</p>}
      <TextField label={t('antigen.upload.serial')} value={values.serial} maxLength={antigenLimits.textMaxLength} onValueChange={set.serial} error={errors.serial ? t(errors.serial) : null} />
      <TextField label={t('antigen.upload.expiresOn')} type="date" value={values.expiresOn} onValueChange={set.expiresOn} error={errors.expiresOn ? t(errors.expiresOn) : null} />
    </fieldset>
  );
}
