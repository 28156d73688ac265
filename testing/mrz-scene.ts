/**
 * Camera frames of a passport data page (or a TD1 card) lying on a desk: the MRZ set in OCR-B, the real
 * typeface of travel documents (Debian's fonts-ocr-b), at the size, angle, blur and light a kiosk's camera
 * sees it. Chromium lays the page out and rasterises the font; sensor noise is added after, seeded, so the
 * same scene is the same picture every run. Used by the e2e camera video and by scripts/bench/mrz.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { seededRandom } from '../core/seeded-random.ts';
import { findChromium } from './browser/find-chromium.ts';
import { mrzLines, type TravelDocument } from './mrz-documents.ts';

export const ocrbFontPath = '/usr/share/fonts/opentype/ocr-b/OCRB.otf';

export interface MrzScene {
  document: TravelDocument;
  frameWidth: number;
  frameHeight: number;
  /** How much of the frame's width the document page fills (0–1). */
  fill: number;
  /** Degrees, clockwise. */
  angle: number;
  /** Gaussian blur radius in pixels (focus, motion). */
  blur: number;
  /** 1 is even office light; below 1 dim, above 1 washed out. */
  light: number;
  /** A bright reflection across the page, 0 (none) to 1. */
  glare?: number;
  seed?: number;
}

export interface RgbaFrame {
  width: number;
  height: number;
  rgba: Uint8Array;
}

function pageHtml(scene: MrzScene): string {
  const lines = mrzLines(scene.document);
  const td1 = scene.document.format === 'TD1';
  const pageWidth = Math.round(scene.frameWidth * scene.fill);
  // ID-1 cards are 85.6 × 54 mm, passport pages (ID-3) 125 × 88 mm.
  const pageHeight = Math.round(pageWidth * (td1 ? 54 / 85.6 : 88 / 125));
  const font = readFileSync(ocrbFontPath).toString('base64');
  const glare = scene.glare ?? 0;
  return `<!doctype html><html><head><style>
@font-face { font-family: 'OCRB'; src: url(data:font/otf;base64,${font}); }
html, body { margin: 0; width: ${scene.frameWidth}px; height: ${scene.frameHeight}px; overflow: hidden; background: #6b5a48; }
.page { position: absolute; left: 50%; top: 50%; width: ${pageWidth}px; height: ${pageHeight}px; margin: ${-pageHeight / 2}px 0 0 ${-pageWidth / 2}px;
  transform: rotate(${scene.angle}deg); background: linear-gradient(160deg, #f4efe4, #e9e4d6 60%, #efe8dc); border-radius: ${pageWidth * 0.02}px;
  box-shadow: 0 4px 18px rgba(0,0,0,0.45); font-family: sans-serif; color: #2a3550; overflow: hidden; }
.head { position: absolute; left: 4%; top: 4%; font-size: ${pageWidth * 0.03}px; letter-spacing: 0.1em; color: #7a3b3b; }
.photo { position: absolute; left: 4%; top: 14%; width: 26%; height: 48%; background: linear-gradient(#b9c1cc, #8d97a6); border-radius: 3px; }
.fields { position: absolute; left: 34%; top: 14%; right: 4%; font-size: ${pageWidth * 0.024}px; line-height: 1.35; }
.fields b { display: block; font-size: 0.7em; color: #6b7590; font-weight: normal; }
.mrz { position: absolute; left: 6%; bottom: ${td1 ? 5 : 6}%; font-family: 'OCRB'; color: #111; white-space: pre; line-height: 1.45; }
.glare { position: absolute; inset: 0; background: radial-gradient(ellipse at 62% 70%, rgba(255,255,255,${0.95 * glare}) 0%, rgba(255,255,255,${0.5 * glare}) 22%, rgba(255,255,255,0) 45%); }
</style></head><body><div class="page" style="filter: blur(${scene.blur}px) brightness(${scene.light})">
<div class="head">${td1 ? 'IDENTITY CARD · CARTE D’IDENTITÉ' : 'PASSPORT · PASSEPORT · 护照'}</div>
<div class="photo"></div>
<div class="fields"><b>Surname / Nom</b>${scene.document.surname}<br><b>Given names / Prénoms</b>${scene.document.givenNames}<br>
<b>Nationality</b>${scene.document.nationality}<br><b>Date of birth</b>${scene.document.birth}<br><b>Date of expiry</b>${scene.document.expiry}</div>
<div class="mrz" id="mrz">${lines.join('\n').replaceAll('<', '&lt;')}</div><div class="glare"></div></div></body></html>`;
}

/** One browser for many scenes: each render is a layout and a screenshot, ~50 ms. */
export async function createSceneRenderer(): Promise<{ render(scene: MrzScene): Promise<RgbaFrame>; close(): Promise<void> }> {
  if (!existsSync(ocrbFontPath)) throw new Error(`No OCR-B font at ${ocrbFontPath}: install Debian's fonts-ocr-b (apt-get install fonts-ocr-b).`);
  const choice = findChromium();
  const browser: Browser = await chromium.launch({ executablePath: choice.executablePath, args: choice.args });
  const page: Page = await browser.newPage({ deviceScaleFactor: 1 });
  return {
    async render(scene) {
      await page.setViewportSize({ width: scene.frameWidth, height: scene.frameHeight });
      await page.setContent(pageHtml(scene));
      // The MRZ is set at the width its format gives it on the page: 44 or 30 characters over 88 % of it.
      await page.evaluate(async () => {
        await document.fonts.ready;
        const mrz = document.getElementById('mrz');
        const pageElement = mrz?.parentElement;
        if (!mrz || !pageElement) return;
        mrz.style.fontSize = '100px';
        mrz.style.fontSize = `${(100 * pageElement.clientWidth * 0.88) / mrz.offsetWidth}px`;
      });
      const png = PNG.sync.read(await page.screenshot({ type: 'png' }));
      const rgba = new Uint8Array(png.data);
      addSensorNoise(rgba, scene.seed ?? 1, scene.light < 0.7 ? 9 : 4);
      return { width: png.width, height: png.height, rgba };
    },
    close: () => browser.close(),
  };
}

/** A camera's grain: more of it in dim light, where the sensor's gain is up. */
function addSensorNoise(rgba: Uint8Array, seed: number, amplitude: number): void {
  const random = seededRandom(seed);
  for (let i = 0; i < rgba.length; i += 4) {
    const noise = (random() + random() - 1) * amplitude;
    for (let c = 0; c < 3; c += 1) rgba[i + c] = Math.max(0, Math.min(255, Math.round((rgba[i + c] ?? 0) + noise)));
  }
}

/** Luma (BT.601) of an RGBA frame: what the reader's band finder works on. */
export function rgbaToLuma(frame: RgbaFrame): Uint8Array {
  const luma = new Uint8Array(frame.width * frame.height);
  for (let i = 0; i < luma.length; i += 1) {
    luma[i] = Math.round(0.299 * (frame.rgba[4 * i] ?? 0) + 0.587 * (frame.rgba[4 * i + 1] ?? 0) + 0.114 * (frame.rgba[4 * i + 2] ?? 0));
  }
  return luma;
}
