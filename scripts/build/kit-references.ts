/**
 * Makes core/antigen/kit-references.ts: each template's reference thumbnail, the grey of its upright,
 * tightly cropped reference photo averaged over `referenceGrid` cells (the generated kit's drawn upright
 * by the fixture). Run again when a template or its photo changes: `npx tsx scripts/build/kit-references.ts`.
 */
import fs from 'node:fs';
import { resamplePlane, toGrey, type Raster } from '../../core/antigen/raster.ts';
import { referenceGrid } from '../../core/antigen/kit-templates.ts';
import { randomScene, renderCassette } from '../../testing/images/cassette-fixture.ts';
import { realMakes, uprightKit } from '../../testing/images/real-kits.ts';

function reference(upright: Raster): string {
  const grey = toGrey(upright);
  // The outer 2 % is the photo's cut edge (table, shadow), not the kit.
  const box = { x0: upright.width * 0.02, y0: upright.height * 0.01, x1: upright.width * 0.98, y1: upright.height * 0.99 };
  const cells = resamplePlane(grey, upright.width, box, referenceGrid.across, referenceGrid.along);
  return Buffer.from(Uint8Array.from(cells, (value) => Math.round(Math.min(255, Math.max(0, value))))).toString('base64');
}

function generatedUpright(): Raster {
  const scene = randomScene(1, { width: 320, height: 1000, lines: { control: 0, test: 0 }, blur: 0, noise: 0 });
  scene.cassette = { ...scene.cassette, cx: 0.5, cy: 0.5, length: 1, angle: 0, body: [240, 240, 238], marks: 0 };
  scene.light = { gain: [1, 1, 1], gradient: 0, gradientAngle: 0 };
  return renderCassette(scene);
}

const entries = [['generated', reference(generatedUpright())], ...realMakes.map((make) => [make, reference(uprightKit(make))])];
const text = `/** Made by scripts/build/kit-references.ts from the kits' reference photos: do not edit by hand. */
export const kitReferences: Record<string, string> = {
${entries.map(([make, grey]) => `  '${make}': '${grey}',`).join('\n')}
};
`;
fs.writeFileSync(new URL('../../core/antigen/kit-references.ts', import.meta.url), text);
console.log(`wrote ${entries.length} references`);
