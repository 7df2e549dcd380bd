import { createCanvas, loadImage, type Image } from '@napi-rs/canvas';
import { readFile } from 'node:fs/promises';
import { MAX_OCR_PIXELS } from './extraction.limits.js';
import { ExtractionError, type RawText } from './extraction.types.js';
import { type OcrEngine } from './ocr.engine.js';

async function decode(path: string): Promise<Image> {
  try {
    const image = await loadImage(await readFile(path));
    if (image.width > 0 && image.height > 0) return image;
  } catch (error) {
    throw new ExtractionError('malformed', 'The image cannot be decoded.', { cause: error });
  }
  throw new ExtractionError('malformed', 'The image has no pixels.');
}

/**
 * Text of a photo or scan (JPEG, PNG, WebP, GIF's first frame) by OCR. The image is redrawn on
 * white, which flattens transparency (black text on a transparent PNG would otherwise read as
 * black on black) and scales very large photos down to what OCR can handle.
 */
export async function extractImage(path: string, ocr: OcrEngine): Promise<RawText> {
  const image = await decode(path);
  const scale = Math.min(1, Math.sqrt(MAX_OCR_PIXELS / (image.width * image.height)));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  const text = await ocr.recognize(await canvas.encode('png'));
  return { pageCount: 1, pages: [{ number: 1, text }], ocrPages: 1, truncated: false };
}
