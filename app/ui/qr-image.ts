/** A QR shape as files to print or download: a standalone SVG document and a PNG drawn on a canvas. */
import { quietZone, type QrShape } from './qr-shape.ts';

/** Black on white, the quiet zone included: a printer and any scanner read it as it is. */
export function qrSvgDocument({ size, path }: QrShape): string {
  const side = size + 2 * quietZone;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A PNG at most `width` pixels a side, every module a whole number of pixels so its edges stay sharp. */
export function qrPngDataUrl({ size, path }: QrShape, width: number): string {
  const side = size + 2 * quietZone;
  const scale = Math.max(1, Math.floor(width / side));
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side * scale;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas to draw the QR on');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.fillStyle = '#000';
  context.fill(new Path2D(path));
  return canvas.toDataURL('image/png');
}
