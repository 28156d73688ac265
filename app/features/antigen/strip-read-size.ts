/**
 * The longest side a photo is drawn at before its strip is read. The reader averages the picture down to
 * 360 px itself; 720 keeps the lines two pixels thick or more before that, and a quarter of the work of 1280.
 */
export const stripReadSide = 720;
