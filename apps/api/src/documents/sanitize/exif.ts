/** What the sanitizer needs to know about an EXIF block before dropping it. */
export interface ExifSummary {
  /** EXIF Orientation, 1 (upright) when absent or unreadable. */
  orientation: number;
  /** Whether IFD0 points to a GPS IFD. */
  hasGps: boolean;
}

const TAG_ORIENTATION = 0x0112;
const TAG_GPS_IFD = 0x8825;
const TYPE_SHORT = 3;
const IFD_ENTRY_SIZE = 12;

/** The "Exif\0\0" header that precedes the TIFF structure in JPEG APP1 (and some WebP files). */
export const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

/**
 * Reads Orientation and GPS presence from a TIFF-structured EXIF block. Damaged EXIF is not an
 * error: it is dropped anyway, so this answers "upright, no GPS" for whatever it cannot read.
 */
export function summarizeExif(tiff: Buffer): ExifSummary {
  const summary: ExifSummary = { orientation: 1, hasGps: false };
  const read = tiffReader(tiff);
  if (read === undefined) return summary;
  const ifd = read.u32(4);
  const count = read.u16(ifd);
  if (ifd === undefined || count === undefined) return summary;
  for (let index = 0; index < count; index += 1) {
    const entry = ifd + 2 + index * IFD_ENTRY_SIZE;
    const tag = read.u16(entry);
    if (tag === undefined) break;
    if (tag === TAG_GPS_IFD) summary.hasGps = true;
    if (tag === TAG_ORIENTATION && read.u16(entry + 2) === TYPE_SHORT) {
      const value = read.u16(entry + 8) ?? 1;
      summary.orientation = value >= 1 && value <= 8 ? value : 1;
    }
  }
  return summary;
}

/** A TIFF structure holding one IFD with only the Orientation tag. */
export function orientationOnlyTiff(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + IFD_ENTRY_SIZE + 4);
  tiff.write('MM\0*', 0, 'latin1');
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(TAG_ORIENTATION, 10);
  tiff.writeUInt16BE(TYPE_SHORT, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  // Bytes 20-21 pad the inline value; bytes 22-25 (next IFD offset) stay 0: no IFD1, no thumbnail.
  return tiff;
}

interface TiffReader {
  u16(offset: number | undefined): number | undefined;
  u32(offset: number): number | undefined;
}

/** Bounds-checked integer reads in the TIFF's own byte order; undefined for a bad header. */
function tiffReader(tiff: Buffer): TiffReader | undefined {
  if (tiff.length < 8) return undefined;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const little = order === 'II';
  const fits = (offset: number | undefined, size: number): offset is number =>
    offset !== undefined && offset >= 0 && offset + size <= tiff.length;
  const reader: TiffReader = {
    u16: (offset) => {
      if (!fits(offset, 2)) return undefined;
      return little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset);
    },
    u32: (offset) => {
      if (!fits(offset, 4)) return undefined;
      return little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset);
    },
  };
  return reader.u16(2) === 42 ? reader : undefined;
}
