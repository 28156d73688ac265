import { useMemo } from 'react';
import type { CodeColour } from '../../core/contract/common.ts';
import { qrShape } from './qr-path.ts';
import type { ErrorCorrection } from './qr-shape.ts';
import { QrSvg } from './qr-svg.tsx';

interface CodeQrProps {
  text: string;
  colour: CodeColour;
  label: string;
  errorCorrection?: ErrorCorrection;
}

/** The QR of `text`, encoded as it renders, in the code's colour, with its meaning spoken through `label`. */
export function CodeQr({ text, colour, label, errorCorrection }: CodeQrProps) {
  const shape = useMemo(() => qrShape(text, errorCorrection), [text, errorCorrection]);
  return <QrSvg shape={shape} colour={colour} label={label} />;
}
