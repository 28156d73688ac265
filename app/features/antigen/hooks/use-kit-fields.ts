import { useRef, useState } from 'react';
import type { ApprovedKit } from '../../../../core/contract/antigen.ts';
import { parseGs1, type Udi } from '../../../../core/gs1.ts';
import { checkScannedKit } from '../antigen-form.ts';

export type ScanNotice = { kind: 'filled' | 'not-udi' | 'unknown' } | { kind: 'expired'; date: string };

/**
 * The kit's fields (brand, lot and the UDI: GTIN, serial, expiry) and the barcode scanner that fills them.
 * `onFilled` runs when a scan filled them, so the form can clear its errors for them.
 */
export function useKitFields(kits: readonly ApprovedKit[] | undefined, onFilled: () => void) {
  const [kit, setKit] = useState('');
  const [lot, setLot] = useState('');
  const [gtin, setGtin] = useState('');
  const [serial, setSerial] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [scanning, setScanning] = useState(false);
  const [scanNotice, setScanNotice] = useState<ScanNotice | null>(null);
  // Frames keep arriving while a decision is shown; only the first kit read counts.
  const scanDecided = useRef(false);
  const knownKit = kits?.find((candidate) => candidate.gtin === gtin.trim().padStart(14, '0'));

  function fillKit(udi: Udi) {
    setGtin(udi.gtin);
    if (udi.serial) setSerial(udi.serial);
    if (udi.lot) setLot(udi.lot);
    if (udi.expiresOn) setExpiresOn(udi.expiresOn);
    const approved = kits?.find((candidate) => candidate.gtin === udi.gtin);
    if (approved && kit.trim() === '') setKit(approved.maker);
  }

  /** The whole barcode line typed or pasted (or sent by a scanner acting as a keyboard) fills every kit field. */
  function onGtin(value: string) {
    const parsed = /[()\]]/.test(value) || value.includes('\x1d') || value.length > 14 ? parseGs1(value) : null;
    if (parsed?.ok) fillKit(parsed.udi);
    else setGtin(value);
  }

  function openScanner() {
    scanDecided.current = false;
    setScanNotice(null);
    setScanning(true);
  }

  function onKitScanned(text: string) {
    if (scanDecided.current) return;
    const outcome = checkScannedKit(text, kits ?? null, Date.now());
    if (!outcome.ok && outcome.problem === 'not-udi') {
      setScanNotice({ kind: 'not-udi' });
      return;
    }
    scanDecided.current = true;
    setScanning(false);
    if (outcome.ok) {
      fillKit(outcome.udi);
      onFilled();
      setScanNotice({ kind: 'filled' });
    } else setScanNotice(outcome.problem === 'expired' ? { kind: 'expired', date: outcome.expiresOn } : { kind: 'unknown' });
  }

  return {
    values: { kit, lot, gtin, serial, expiresOn },
    set: { kit: setKit, lot: setLot, gtin: onGtin, serial: setSerial, expiresOn: setExpiresOn },
    knownKit,
    scan: { scanning, notice: scanNotice, open: openScanner, close: () => setScanning(false), onDecoded: onKitScanned },
  };
}

export type KitFields = ReturnType<typeof useKitFields>;
