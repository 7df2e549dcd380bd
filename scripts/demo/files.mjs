// The demo's documents, made here rather than shipped: small PDFs with a real text layer (so the
// server extracts and indexes their text) and PNG "photos" (read by OCR), each marked as demo
// material so nobody mistakes it for a real administrative document.
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts, rgb } from '@pdfme/pdf-lib';

const DEMO_MARK = 'DOCUMENT DE DÉMONSTRATION — contenu fictif créé par npm run demo';
const PAGE = { width: 595, height: 842, margin: 56 };

/**
 * A PDF letter or deliberation: a heading, then paragraphs wrapped to the page, on as many pages
 * as they need. `pages` is a list of pages, each a list of paragraphs.
 */
export async function pdf(heading, pages) {
  const file = await PDFDocument.create();
  const regular = await file.embedFont(StandardFonts.Helvetica);
  const strong = await file.embedFont(StandardFonts.HelveticaBold);
  const width = PAGE.width - 2 * PAGE.margin;
  for (const [index, paragraphs] of pages.entries()) {
    const page = file.addPage([PAGE.width, PAGE.height]);
    let y = PAGE.height - PAGE.margin;
    const write = (line, font, size, color = rgb(0, 0, 0)) => {
      page.drawText(winAnsi(line), { x: PAGE.margin, y, size, font, color });
      y -= size * 1.45;
    };
    write(DEMO_MARK, regular, 8, rgb(0.6, 0.1, 0.1));
    y -= 10;
    if (index === 0) {
      for (const line of wrap(heading, strong, 15, width)) write(line, strong, 15);
      y -= 8;
    }
    for (const paragraph of paragraphs) {
      for (const line of wrap(paragraph, regular, 11, width)) write(line, regular, 11);
      y -= 8;
    }
    page.drawText(`${index + 1} / ${pages.length}`, {
      x: PAGE.width / 2 - 10,
      y: PAGE.margin / 2,
      size: 9,
      font: regular,
    });
  }
  return Buffer.from(await file.save());
}

/** A street photo, drawn: a mast with cameras against the sky, and a caption OCR can read. */
export function photo(caption, { cameras = 2, dome = false } = {}) {
  const canvas = createCanvas(800, 560);
  const ctx = canvas.getContext('2d');
  const sky = ctx.createLinearGradient(0, 0, 0, 420);
  sky.addColorStop(0, '#9cc3e6');
  sky.addColorStop(1, '#e4eef7');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, 800, 420);
  ctx.fillStyle = '#c9c3b6'; // a building's wall
  ctx.fillRect(470, 120, 330, 300);
  ctx.fillStyle = '#8f8a80';
  for (let x = 500; x < 780; x += 70) ctx.fillRect(x, 160, 40, 60);
  ctx.fillStyle = '#6d6a66'; // the street
  ctx.fillRect(0, 380, 800, 40);
  ctx.fillStyle = '#3b3f45'; // the mast
  ctx.fillRect(300, 110, 16, 280);
  for (let n = 0; n < cameras; n++) {
    const y = 120 + n * 55;
    const left = n % 2 === 0;
    ctx.fillRect(left ? 240 : 316, y + 12, 60, 6);
    ctx.fillStyle = '#f2f2f0';
    ctx.fillRect(left ? 205 : 360, y, 70, 30);
    ctx.fillStyle = '#222';
    ctx.fillRect(left ? 197 : 430, y + 8, 8, 14);
    ctx.fillStyle = '#3b3f45';
  }
  if (dome) {
    ctx.beginPath();
    ctx.arc(308, 110, 24, Math.PI, 0);
    ctx.fillStyle = '#1d1f22';
    ctx.fill();
  }
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 420, 800, 140);
  ctx.fillStyle = '#111111';
  ctx.font = 'bold 30px sans-serif';
  ctx.fillText(caption, 30, 475);
  ctx.font = '22px sans-serif';
  ctx.fillText('Photo de démonstration (npm run demo)', 30, 520);
  return canvas.toBuffer('image/png');
}

/** Lines of `text` no wider than `width` at this font and size. */
function wrap(text, font, size, width) {
  const lines = [];
  let line = '';
  for (const word of winAnsi(text).split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// The standard PDF fonts speak WinAnsi: French accents, €, « », ’ and — are there, but narrow
// and non-breaking spaces are not, and pdf-lib throws on any character outside it.
function winAnsi(text) {
  return text
    .replace(/[\u202f\u00a0\u2009]/g, ' ')
    .replace(/[^\x20-\x7e\u00a0-\u00ff€’‘“”«»—–…œŒ]/g, '?');
}
