/**
 * Decoded pictures as plain RGBA pixel arrays, the shape of a browser's ImageData, so the photo hash and
 * the strip reader run alike on a canvas in the browser and on a decoded JPEG on the server.
 */
export interface Raster {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, rows top to bottom. */
  data: Uint8ClampedArray | Uint8Array;
}

export function createRaster(width: number, height: number): Raster & { data: Uint8ClampedArray } {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** Luma (BT.601) of every pixel, 0–255. */
export function toGrey(raster: Raster): Float32Array {
  const grey = new Float32Array(raster.width * raster.height);
  const { data } = raster;
  for (let pixel = 0, offset = 0; pixel < grey.length; pixel += 1, offset += 4) {
    grey[pixel] = 0.299 * (data[offset] ?? 0) + 0.587 * (data[offset + 1] ?? 0) + 0.114 * (data[offset + 2] ?? 0);
  }
  return grey;
}

/**
 * Shrinks (or stretches) one channel plane of size w×h within the box [x0,x1)×[y0,y1) to outW×outH by area
 * averaging, which does not alias the way point sampling does when a large photo becomes a small grid.
 */
export function resamplePlane(
  plane: Float32Array,
  width: number,
  box: { x0: number; y0: number; x1: number; y1: number },
  outWidth: number,
  outHeight: number,
): Float32Array {
  const out = new Float32Array(outWidth * outHeight);
  const stepX = (box.x1 - box.x0) / outWidth;
  const stepY = (box.y1 - box.y0) / outHeight;
  for (let oy = 0; oy < outHeight; oy += 1) {
    const ya = box.y0 + oy * stepY;
    const yb = ya + stepY;
    for (let ox = 0; ox < outWidth; ox += 1) {
      const xa = box.x0 + ox * stepX;
      const xb = xa + stepX;
      let sum = 0;
      let weight = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y += 1) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        if (wy <= 0) continue;
        const row = y * width;
        for (let x = Math.floor(xa); x < Math.ceil(xb); x += 1) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          if (wx <= 0) continue;
          sum += (plane[row + x] ?? 0) * wx * wy;
          weight += wx * wy;
        }
      }
      out[oy * outWidth + ox] = weight > 0 ? sum / weight : 0;
    }
  }
  return out;
}

/** Bilinear resize of a whole RGBA raster. */
export function resizeRaster(source: Raster, width: number, height: number): Raster & { data: Uint8ClampedArray } {
  const out = createRaster(width, height);
  const sx = source.width / width;
  const sy = source.height / height;
  for (let y = 0; y < height; y += 1) {
    const fy = Math.min(source.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(source.height - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x += 1) {
      const fx = Math.min(source.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(source.width - 1, x0 + 1);
      const tx = fx - x0;
      const topLeft = (y0 * source.width + x0) * 4;
      const topRight = (y0 * source.width + x1) * 4;
      const bottomLeft = (y1 * source.width + x0) * 4;
      const bottomRight = (y1 * source.width + x1) * 4;
      const target = (y * width + x) * 4;
      for (let channel = 0; channel < 4; channel += 1) {
        const top = (source.data[topLeft + channel] ?? 0) * (1 - tx) + (source.data[topRight + channel] ?? 0) * tx;
        const bottom = (source.data[bottomLeft + channel] ?? 0) * (1 - tx) + (source.data[bottomRight + channel] ?? 0) * tx;
        out.data[target + channel] = top * (1 - ty) + bottom * ty;
      }
    }
  }
  return out;
}
