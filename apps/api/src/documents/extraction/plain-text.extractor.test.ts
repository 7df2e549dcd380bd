import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText, extractPlainText } from './plain-text.extractor.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'technopolice-text-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('decodeText', () => {
  it('reads UTF-8, windows-1252 when the bytes are not UTF-8, and UTF-16 with a BOM', () => {
    expect(decodeText(Buffer.from('\ufeffCafé déjà vu', 'utf8'))).toBe('Café déjà vu');
    expect(
      decodeText(
        Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0x9c, 0x75, 0x76, 0x72, 0x65]),
      ),
    ).toBe('Café € œuvre');
    expect(decodeText(Buffer.from('\ufeffÉté', 'utf16le'))).toBe('Été');
  });

  it('keeps UTF-8 when a cut splits the last character', () => {
    const bytes = Buffer.from('Noël', 'utf8');
    expect(decodeText(bytes.subarray(0, 3), true)).toBe('No');
  });
});

describe('extractPlainText', () => {
  it('reads at most the byte limit and says it truncated', async () => {
    const path = join(dir, 'long.txt');
    await writeFile(path, 'é'.repeat(100));
    const text = await extractPlainText(path, 51);
    expect(text).toEqual({
      pageCount: 1,
      pages: [{ number: 1, text: 'é'.repeat(25) }],
      ocrPages: 0,
      truncated: true,
    });
  });
});
