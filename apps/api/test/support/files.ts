import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, PDFName, StandardFonts } from '@pdfme/pdf-lib';
import { Zip, ZipDeflate, strToU8, zipSync } from 'fflate';

/**
 * Files as people upload them, made by the tests: PDFs with a text layer or scanned, photos
 * with GPS, and the hostile ones (encrypted, broken, zip bombs, enormous).
 */

/** Who scanned it and with what: what must never reach a stored file. */
export const SECRET_AUTHOR = 'Agent Dupont DGSI';
export const SECRET_SOFTWARE = 'ScanStation 3000 by Surveillance Corp';

/** A PDF with a text layer, one page per entry, carrying author metadata and XMP. */
export async function textPdf(pages: string[][]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, index) => {
      page.drawText(line, { x: 50, y: 780 - index * 20, size: 12, font });
    });
  }
  pdf.setAuthor(SECRET_AUTHOR);
  pdf.setCreator(SECRET_SOFTWARE);
  pdf.setProducer(SECRET_SOFTWARE);
  pdf.setTitle('Délibération');
  const xmp = `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${SECRET_AUTHOR}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const stream = pdf.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(stream));
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** A picture of printed text, as a scanner or a phone would make it. */
export function textImage(lines: string[], format: 'png' | 'jpeg' = 'png'): Buffer {
  const canvas = createCanvas(1400, 200 + lines.length * 90);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.font = '56px sans-serif';
  lines.forEach((line, index) => ctx.fillText(line, 60, 140 + index * 90));
  return format === 'png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg', 90);
}

/** A PDF whose only page is a scanned image: no text layer, OCR must read it. */
export async function scannedPdf(lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(textImage(lines));
  const page = pdf.addPage([image.width / 2, image.height / 2]);
  page.drawImage(image, { x: 0, y: 0, width: image.width / 2, height: image.height / 2 });
  pdf.setAuthor(SECRET_AUTHOR);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** A PDF of `count` pages, one short line each. */
export async function manyPagesPdf(count: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= count; n++) {
    pdf.addPage([200, 100]).drawText(`Annexe page ${n}`, { x: 10, y: 50, size: 10, font });
  }
  return Buffer.from(await pdf.save());
}

/**
 * A password-protected PDF: the standard security handler (RC4, revision 3) with keys that no
 * empty password opens, as a FOI answer "protected" by an administration arrives.
 */
export function encryptedPdf(): Buffer {
  const hex = (n: number) => 'a1b2c3d4'.repeat(n);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <${hex(8)}> /U <${hex(8)}> >>`,
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${hex(4)}> <${hex(4)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A PDF header followed by noise: what a broken download looks like. */
export function brokenPdf(): Buffer {
  const noise = Buffer.alloc(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), noise]);
}

// EXIF (a TIFF structure): IFD0 with Artist, Software and a GPS IFD with a position.
function exifWithGps(): Buffer {
  const entries: [number, number, number, Buffer][] = []; // tag, type, count, value
  const ascii = (text: string) => Buffer.from(`${text}\0`, 'latin1');
  const artist = ascii(SECRET_AUTHOR);
  const software = ascii(SECRET_SOFTWARE);
  // Layout: header (8) | IFD0 (2 + 3*12 + 4) | GPS IFD (2 + 2*12 + 4) | data
  const ifd0At = 8;
  const gpsAt = ifd0At + 2 + 3 * 12 + 4;
  let dataAt = gpsAt + 2 + 2 * 12 + 4;
  const data: Buffer[] = [];
  const place = (value: Buffer) => {
    const at = dataAt;
    data.push(value);
    dataAt += value.length;
    return at;
  };
  const latitude = Buffer.alloc(24);
  [43, 1, 17, 1, 45, 1].forEach((v, i) => latitude.writeUInt32BE(v, i * 4)); // 43°17'45" N
  entries.push([0x013b, 2, artist.length, artist], [0x0131, 2, software.length, software]);
  const out = Buffer.alloc(gpsAt + 2 + 2 * 12 + 4);
  out.write('MM', 0, 'latin1');
  out.writeUInt16BE(42, 2);
  out.writeUInt32BE(ifd0At, 4);
  out.writeUInt16BE(3, ifd0At);
  let cursor = ifd0At + 2;
  for (const [tag, type, count, value] of entries) {
    out.writeUInt16BE(tag, cursor);
    out.writeUInt16BE(type, cursor + 2);
    out.writeUInt32BE(count, cursor + 4);
    out.writeUInt32BE(place(value), cursor + 8);
    cursor += 12;
  }
  out.writeUInt16BE(0x8825, cursor); // GPSInfo
  out.writeUInt16BE(4, cursor + 2);
  out.writeUInt32BE(1, cursor + 4);
  out.writeUInt32BE(gpsAt, cursor + 8);
  out.writeUInt32BE(0, cursor + 12);
  out.writeUInt16BE(2, gpsAt);
  cursor = gpsAt + 2;
  out.writeUInt16BE(0x0001, cursor); // GPSLatitudeRef "N"
  out.writeUInt16BE(2, cursor + 2);
  out.writeUInt32BE(2, cursor + 4);
  out.write('N\0', cursor + 8, 'latin1');
  cursor += 12;
  out.writeUInt16BE(0x0002, cursor); // GPSLatitude
  out.writeUInt16BE(5, cursor + 2);
  out.writeUInt32BE(3, cursor + 4);
  out.writeUInt32BE(place(latitude), cursor + 8);
  out.writeUInt32BE(0, cursor + 12);
  return Buffer.concat([out, ...data]);
}

/** A phone photo of a camera in the street: JPEG with EXIF naming its author and position. */
export function photoWithGps(): Buffer {
  const canvas = createCanvas(320, 240);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#8aa';
  ctx.fillRect(0, 0, 320, 240);
  ctx.fillStyle = '#333';
  ctx.fillRect(120, 60, 80, 40);
  const jpeg = canvas.toBuffer('image/jpeg', 85);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifWithGps()]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(payload.length + 2, 2);
  // Right after SOI, where cameras put it.
  return Buffer.concat([jpeg.subarray(0, 2), app1, payload, jpeg.subarray(2)]);
}

/** A .docx with a paragraph of text. */
export function docx(text: string): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': strToU8(xml),
    }),
  );
}

/**
 * A .docx whose document.xml inflates to `megabytes` MB of the same byte: a zip bomb. Made
 * with streaming deflate so the test never holds the inflated size.
 */
export function zipBombDocx(megabytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, chunk, final) => {
      if (error) {
        reject(error);
        return;
      }
      chunks.push(chunk);
      if (final) resolve(Buffer.concat(chunks));
    });
    const add = (name: string, content: string) => {
      const file = new ZipDeflate(name, { level: 9 });
      zip.add(file);
      file.push(strToU8(content), true);
    };
    add(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    add(
      '_rels/.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    );
    const bomb = new ZipDeflate('word/document.xml', { level: 9 });
    zip.add(bomb);
    bomb.push(strToU8('<w:document><w:body><w:p><w:r><w:t>'));
    const block = new Uint8Array(1024 * 1024).fill(0x41);
    for (let i = 0; i < megabytes; i++) bomb.push(block);
    bomb.push(strToU8('</w:t></w:r></w:p></w:body></w:document>'), true);
    zip.end();
  });
}

/** A Windows program, whatever its name says. */
export function windowsProgram(): Buffer {
  const exe = Buffer.alloc(1024);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  return exe;
}

/** A tiny PNG. */
export function png(): Buffer {
  return createCanvas(8, 8).toBuffer('image/png');
}
