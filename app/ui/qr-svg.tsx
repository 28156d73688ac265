import './code-qr.css';
import type { CodeColour } from '../../core/contract/common.ts';
import { quietZone, type QrShape } from './qr-shape.ts';

/** The colour's shape, so that the colour is never the only signal. */
export const colourIcons = { green: '✓', yellow: '!', red: '✕' } as const;

interface QrSvgProps {
  shape: QrShape;
  colour: CodeColour;
  label: string;
}

/** A QR already encoded, in the code's colour, with its meaning spoken through `label`. */
export function QrSvg({ shape: { size, path }, colour, label }: QrSvgProps) {
  const side = size + 2 * quietZone;
  return (
    <svg className={`code-qr code-qr--${colour}`} role="img" aria-label={label} viewBox={`0 0 ${side} ${side}`} shapeRendering="crispEdges">
      <rect width={side} height={side} className="code-qr__background" />
      <path d={path} className="code-qr__modules" />
    </svg>
  );
}
