import './code-qr.css';
import { useMemo } from 'react';
import type { CodeColour } from '../../core/contract.ts';
import { qrShape, quietZone, type ErrorCorrection } from './qr-path.ts';

/** The colour's shape, so that the colour is never the only signal. */
export const colourIcons = { green: '✓', yellow: '!', red: '✕' } as const;

interface CodeQrProps {
  text: string;
  colour: CodeColour;
  label: string;
  errorCorrection?: ErrorCorrection;
}

/** The QR in the code's colour, with its meaning spoken through `label`. */
export function CodeQr({ text, colour, label, errorCorrection }: CodeQrProps) {
  const { size, path } = useMemo(() => qrShape(text, errorCorrection), [text, errorCorrection]);
  const side = size + 2 * quietZone;
  return (
    <svg className={`code-qr code-qr--${colour}`} role="img" aria-label={label} viewBox={`0 0 ${side} ${side}`} shapeRendering="crispEdges">
      <rect width={side} height={side} className="code-qr__background" />
      <path d={path} className="code-qr__modules" />
    </svg>
  );
}
