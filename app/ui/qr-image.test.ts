import { describe, expect, it } from 'vitest';
import { qrShape } from './qr-path.ts';
import { qrSvgDocument, svgDataUrl } from './qr-image.ts';

describe('qrSvgDocument', () => {
  it('is a standalone black-on-white SVG of the shape, quiet zone included', () => {
    const shape = qrShape('https://suishen.example/c/abc');
    const svg = qrSvgDocument(shape);
    const side = shape.size + 8;
    expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}"`));
    expect(svg).toContain(`<rect width="${side}" height="${side}" fill="#fff"/>`);
    expect(svg).toContain(`<path d="${shape.path}" fill="#000"/>`);
    expect(decodeURIComponent(svgDataUrl(svg).replace('data:image/svg+xml;charset=utf-8,', ''))).toBe(svg);
  });
});
