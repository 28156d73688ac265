/**
 * Finds the machine-readable zone in a camera frame and cuts it out for OCR: straightened (a page held a
 * few degrees off), cropped to its two or three lines, scaled to the glyph height Tesseract reads best and
 * binarised against the local background (a reflection or a shadow across the page). Pure, on luma.
 *
 * The MRZ is found by what sets it apart from the rest of a page: two or three long lines of evenly spaced
 * dark glyphs, each line as wide as the page and dense all the way across (`<` fillers are ink too).
 */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface MrzBand {
  image: Gray;
  /** How many MRZ lines the band holds (2 for TD2/TD3, 3 for TD1). */
  lines: number;
  /** The page's tilt that was taken out, in degrees. */
  angle: number;
}

const analysisWidth = 640;
/** Pixels tall a glyph line is scaled to before OCR. */
const ocrLineHeight = 34;

function downscale(frame: Gray, width: number): { image: Gray; scale: number } {
  if (frame.width <= width) return { image: frame, scale: 1 };
  const scale = width / frame.width;
  const height = Math.round(frame.height * scale);
  const data = new Uint8Array(width * height);
  const step = 1 / scale;
  for (let y = 0; y < height; y += 1) {
    const y0 = Math.floor(y * step);
    const y1 = Math.min(frame.height, Math.floor((y + 1) * step));
    for (let x = 0; x < width; x += 1) {
      const x0 = Math.floor(x * step);
      const x1 = Math.min(frame.width, Math.floor((x + 1) * step));
      let sum = 0;
      let count = 0;
      for (let yy = y0; yy < Math.max(y1, y0 + 1); yy += 1) {
        for (let xx = x0; xx < Math.max(x1, x0 + 1); xx += 1) {
          sum += frame.data[yy * frame.width + xx] ?? 0;
          count += 1;
        }
      }
      data[y * width + x] = sum / count;
    }
  }
  return { image: { width, height, data }, scale };
}

/** Summed-area table, one row and column larger, for window means in O(1). */
function integral(image: Gray): Float64Array {
  const { width, height, data } = image;
  const table = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y += 1) {
    let row = 0;
    for (let x = 0; x < width; x += 1) {
      row += data[y * width + x] ?? 0;
      table[(y + 1) * (width + 1) + x + 1] = (table[y * (width + 1) + x + 1] ?? 0) + row;
    }
  }
  return table;
}

function windowMean(table: Float64Array, width: number, height: number, x: number, y: number, radius: number): number {
  const x0 = Math.max(0, x - radius);
  const y0 = Math.max(0, y - radius);
  const x1 = Math.min(width, x + radius + 1);
  const y1 = Math.min(height, y + radius + 1);
  const w = width + 1;
  const sum = (table[y1 * w + x1] ?? 0) - (table[y0 * w + x1] ?? 0) - (table[y1 * w + x0] ?? 0) + (table[y0 * w + x0] ?? 0);
  return sum / ((x1 - x0) * (y1 - y0));
}

/** Pixels clearly darker than their neighbourhood: glyph strokes, whatever the light on the page. */
function inkPixels(image: Gray, radius: number): { xs: Int32Array; ys: Int32Array } {
  const table = integral(image);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      const mean = windowMean(table, image.width, image.height, x, y, radius);
      if (mean - (image.data[y * image.width + x] ?? 0) > Math.max(14, mean * 0.14)) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  return { xs: Int32Array.from(xs), ys: Int32Array.from(ys) };
}

/** The tilt at which the ink falls into the sharpest rows (text lines are sharpest when level). */
function bestAngle(xs: Int32Array, ys: Int32Array, height: number, width: number): number {
  let best = 0;
  let bestScore = -1;
  const offset = width;
  const bins = new Float64Array(height + 2 * width + 2);
  for (let tenths = -120; tenths <= 120; tenths += 5) {
    const radians = (tenths / 10) * (Math.PI / 180);
    const cos = Math.cos(radians);
    const sin = Math.sin(radians);
    bins.fill(0);
    for (let i = 0; i < xs.length; i += 1) {
      const bin = Math.round((ys[i] ?? 0) * cos - (xs[i] ?? 0) * sin) + offset;
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    let score = 0;
    for (const bin of bins) score += bin * bin;
    if (score > bestScore) {
      bestScore = score;
      best = tenths / 10;
    }
  }
  return best;
}

interface Line {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))] ?? 0;
}

/** Text lines in rotated coordinates: runs of rows with ink, with the horizontal extent that is densely inked. */
function textLines(xr: Float64Array, yr: Float64Array, low: number, high: number): Line[] {
  const size = Math.ceil(high - low) + 1;
  const profile = new Float64Array(size);
  for (const y of yr) {
    const row = Math.round(y - low);
    profile[row] = (profile[row] ?? 0) + 1;
  }
  const peak = profile.reduce((max, value) => Math.max(max, value), 0);
  const rows: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= size; i += 1) {
    const inside = i < size && (profile[i] ?? 0) >= peak * 0.12;
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      if (i - start >= 3) rows.push([start + low, i - 1 + low]);
      start = -1;
    }
  }
  return rows.map(([top, bottom]) => {
    const inLine: number[] = [];
    for (let i = 0; i < yr.length; i += 1) if ((yr[i] ?? 0) >= top && (yr[i] ?? 0) <= bottom) inLine.push(xr[i] ?? 0);
    inLine.sort((a, b) => a - b);
    // The densest stretch: a gap wider than two glyph heights ends the line (a field, a label beside it).
    const height = bottom - top + 1;
    let best: [number, number] = [percentile(inLine, 0), percentile(inLine, 0)];
    let runStart = inLine[0] ?? 0;
    for (let i = 1; i <= inLine.length; i += 1) {
      const x = inLine[i];
      const previous = inLine[i - 1] ?? 0;
      if (x === undefined || x - previous > height * 2) {
        if (previous - runStart > best[1] - best[0]) best = [runStart, previous];
        if (x !== undefined) runStart = x;
      }
    }
    return { top, bottom, left: best[0], right: best[1] };
  });
}

/** The bottom-most group of 2 or 3 long, evenly spaced lines of the same extent: the MRZ. */
function mrzLines(lines: Line[]): Line[] | null {
  const long = lines.filter((line) => (line.right - line.left) / (line.bottom - line.top + 1) >= 11);
  for (let end = long.length - 1; end >= 1; end -= 1) {
    const group = [long[end]].filter((line): line is Line => line !== undefined);
    for (let i = end - 1; i >= 0 && group.length < 3; i -= 1) {
      const line = long[i];
      const below = group[0];
      if (!line || !below) break;
      const height = below.bottom - below.top + 1;
      const sameExtent = Math.abs(line.left - below.left) < height * 1.5 && Math.abs(line.right - below.right) < height * 1.5;
      if (below.top - line.bottom > height * 1.6 || !sameExtent) break;
      group.unshift(line);
    }
    if (group.length >= 2) return group;
  }
  return null;
}

function otsuLevel(data: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (const value of data) histogram[value] = (histogram[value] ?? 0) + 1;
  let sum = 0;
  for (let i = 0; i < 256; i += 1) sum += i * (histogram[i] ?? 0);
  let background = 0;
  let backgroundSum = 0;
  let best = 127;
  let bestVariance = -1;
  for (let t = 0; t < 256; t += 1) {
    background += histogram[t] ?? 0;
    if (background === 0 || background === data.length) continue;
    backgroundSum += t * (histogram[t] ?? 0);
    const meanBack = backgroundSum / background;
    const meanFore = (sum - backgroundSum) / (data.length - background);
    const variance = background * (data.length - background) * (meanBack - meanFore) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best;
}

/** Black glyphs on white: dark against the local background, and dark against the band as a whole. */
function binarise(image: Gray, radius: number): Gray {
  const table = integral(image);
  const global = otsuLevel(image.data);
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      const value = image.data[y * image.width + x] ?? 0;
      const local = windowMean(table, image.width, image.height, x, y, radius);
      data[y * image.width + x] = value < local * 0.86 && value < global + 24 ? 0 : 255;
    }
  }
  return { ...image, data };
}

export function findMrzBand(frame: Gray): MrzBand | null {
  const { image, scale } = downscale(frame, analysisWidth);
  const { xs, ys } = inkPixels(image, 12);
  if (xs.length < 200) return null;
  const angle = bestAngle(xs, ys, image.height, image.width);
  const radians = (angle * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const xr = new Float64Array(xs.length);
  const yr = new Float64Array(xs.length);
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < xs.length; i += 1) {
    const x = xs[i] ?? 0;
    const y = ys[i] ?? 0;
    xr[i] = x * cos + y * sin;
    yr[i] = y * cos - x * sin;
    low = Math.min(low, yr[i] ?? 0);
    high = Math.max(high, yr[i] ?? 0);
  }
  const group = mrzLines(textLines(xr, yr, Math.floor(low), Math.ceil(high)));
  const first = group?.[0];
  const last = group?.at(-1);
  if (!group || !first || !last) return null;
  const lineHeight = (group.reduce((sum, line) => sum + line.bottom - line.top + 1, 0) / group.length) / scale;
  const pad = lineHeight * 0.8;
  const x0 = Math.min(...group.map((line) => line.left)) / scale - pad;
  const x1 = Math.max(...group.map((line) => line.right)) / scale + pad;
  const y0 = first.top / scale - pad;
  const y1 = last.bottom / scale + pad;
  const k = Math.min(4, Math.max(0.5, ocrLineHeight / lineHeight));
  const width = Math.round((x1 - x0) * k);
  const height = Math.round((y1 - y0) * k);
  if (width < 40 || height < 20 || width * height > 4_000_000) return null;
  const data = new Uint8Array(width * height);
  for (let v = 0; v < height; v += 1) {
    for (let u = 0; u < width; u += 1) {
      const xRot = x0 + u / k;
      const yRot = y0 + v / k;
      const x = xRot * cos - yRot * sin;
      const y = xRot * sin + yRot * cos;
      data[v * width + u] = sample(frame, x, y);
    }
  }
  return { image: binarise({ width, height, data }, Math.round(ocrLineHeight * 1.2)), lines: group.length, angle };
}

/** Bilinear, white outside the frame (a page edge cut off reads as paper, not as ink). */
function sample(frame: Gray, x: number, y: number): number {
  if (x < 0 || y < 0 || x > frame.width - 1 || y > frame.height - 1) return 255;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(frame.width - 1, x0 + 1);
  const y1 = Math.min(frame.height - 1, y0 + 1);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xx: number, yy: number) => frame.data[yy * frame.width + xx] ?? 255;
  return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}

/** A binary PGM (P5): Tesseract's image loader reads it, in the browser's worker and in Node alike. */
export function encodePgm(image: Gray): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}
