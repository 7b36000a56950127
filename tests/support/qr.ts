import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Reads a QR code from a PNG data URI (as the take-away card carries it) with jsQR. */
export function decodeQrDataUri(dataUri: string): string | null {
  const match = /^data:image\/png;base64,(.+)$/.exec(dataUri);
  if (!match) throw new Error('not a PNG data URI');
  return decodeQrPng(Buffer.from(match[1], 'base64'));
}

export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  return code?.data ?? null;
}
