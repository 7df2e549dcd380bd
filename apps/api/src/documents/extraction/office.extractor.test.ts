import { strToU8, zipSync, type Zippable } from 'fflate';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractionError } from './extraction.types.js';
import { extractOffice, type OfficeKind } from './office.extractor.js';
import { OFFICE_ZIP_LIMITS } from './zip-entries.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'technopolice-office-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let count = 0;
async function extract(
  files: Record<string, string | Uint8Array>,
  kind: OfficeKind,
  limits = OFFICE_ZIP_LIMITS,
) {
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files)) {
    entries[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  count += 1;
  const path = join(dir, `${count}.${kind}`);
  await writeFile(path, zipSync(entries));
  return extractOffice(path, kind, limits);
}

async function failure(promise: Promise<unknown>): Promise<ExtractionError> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ExtractionError))
    throw new Error(`expected an ExtractionError, got ${String(error)}`);
  return error;
}

describe('docx', () => {
  it('reads runs, tabs and breaks, a line per paragraph, without duplicated fallbacks', async () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<w:document ${W}><w:body>
  <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
    <w:r><w:t>Caméras</w:t></w:r><w:r><w:t xml:space="preserve"> &amp; micros</w:t></w:r></w:p>
  <w:p><w:r><w:t>Lot</w:t><w:tab/><w:t>Prix&#160;: 12&#x20AC;</w:t><w:br/><w:t>Suite</w:t></w:r></w:p>
  <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>Zone</w:t></mc:Choice><mc:Fallback><w:t>Zone</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>
  <w:p><w:r><w:delText>supprimé</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>
</w:body></w:document>`;
    const text = await extract(
      { '[Content_Types].xml': '<Types/>', 'word/document.xml': body },
      'docx',
    );
    expect(text.pageCount).toBeNull();
    expect(text.pages).toEqual([
      { number: 1, text: 'Caméras & micros\nLot\tPrix\u00a0: 12€\nSuite\nZone\n\n' },
    ]);
  });

  it('refuses a zip without word/document.xml as malformed', async () => {
    const error = await failure(extract({ 'other.xml': '<a/>' }, 'docx'));
    expect(error.code).toBe('malformed');
  });

  it('refuses bytes that are not a zip as malformed', async () => {
    const path = join(dir, 'not-a-zip.docx');
    await writeFile(path, 'PK\u0003\u0004 this is not really a zip archive at all');
    expect((await failure(extractOffice(path, 'docx'))).code).toBe('malformed');
  });

  it('counts inflated bytes across entries against the total limit', async () => {
    const xml = `<w:document ${W}><w:body><w:p><w:r><w:t>${'x'.repeat(4000)}</w:t></w:r></w:p></w:body></w:document>`;
    const limits = { ...OFFICE_ZIP_LIMITS, maxInflatedBytes: 3000 };
    const error = await failure(extract({ 'word/document.xml': xml }, 'docx', limits));
    expect(error.code).toBe('too_large');
    expect(error.permanent).toBe(true);
  });

  it('refuses an archive with too many entries as too_large', async () => {
    const files: Record<string, string> = { 'word/document.xml': '<w:document/>' };
    for (let index = 0; index < 20; index += 1) files[`word/media/${index}.xml`] = '<a/>';
    const limits = { ...OFFICE_ZIP_LIMITS, maxEntries: 10 };
    expect((await failure(extract(files, 'docx', limits))).code).toBe('too_large');
  });
});

describe('xlsx', () => {
  it('reads shared, inline and formula strings, a page per sheet in numeric order', async () => {
    const sheet = (rows: string) => `<worksheet><sheetData>${rows}</sheetData></worksheet>`;
    const text = await extract(
      {
        'xl/workbook.xml': '<workbook/>',
        'xl/sharedStrings.xml':
          '<sst><si><t>Commune</t></si><si><r><t>Mar</t></r><r><t>seille</t></r><rPh><t>まるせいゆ</t></rPh></si></sst>',
        'xl/worksheets/sheet10.xml': sheet(
          '<row><c t="inlineStr"><is><t>Dixième</t></is></c></row>',
        ),
        'xl/worksheets/sheet2.xml': sheet(
          '<row><c t="s"><v>0</v></c><c><v>42</v></c><c t="str"><f>A1</f><v>Calculé</v></c></row><row><c t="s"><v>1</v></c></row>',
        ),
        'xl/worksheets/sheet1.xml': sheet(''),
      },
      'xlsx',
    );
    expect(text.pageCount).toBe(3);
    expect(text.pages).toEqual([
      { number: 1, text: '' },
      { number: 2, text: 'Commune\tCalculé\t\nMarseille\t\n' },
      { number: 3, text: 'Dixième\t\n' },
    ]);
  });
});

describe('pptx', () => {
  it('reads a:t runs, a page per slide in numeric order', async () => {
    const slide = (text: string) =>
      `<p:sld><p:txBody><a:p><a:r><a:t>${text}</a:t></a:r><a:br/><a:r><a:t>fin</a:t></a:r></a:p></p:txBody></p:sld>`;
    const text = await extract(
      {
        'ppt/presentation.xml': '<p:presentation/>',
        'ppt/slides/slide2.xml': slide('Deuxième'),
        'ppt/slides/slide1.xml': slide('Première'),
        'ppt/slides/_rels/slide1.xml.rels': '<Relationships/>',
      },
      'pptx',
    );
    expect(text.pageCount).toBe(2);
    expect(text.pages.map((page) => page.text)).toEqual(['Première\nfin\n', 'Deuxième\nfin\n']);
  });
});

describe('ODF', () => {
  const content = (body: string) =>
    `<office:document-content><office:automatic-styles><style:style/></office:automatic-styles><office:body>${body}</office:body></office:document-content>`;

  it('reads odt paragraphs, headings, spaces, tabs and breaks, without tracked deletions', async () => {
    const text = await extract(
      {
        mimetype: 'application/vnd.oasis.opendocument.text',
        'content.xml': content(
          `<office:text><text:tracked-changes><text:changed-region><text:deletion><text:p>effacé</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">Délibération</text:h>
<text:p>Le   conseil<text:s text:c="3"/>vote<text:tab/>la <text:span>vidéo&#233;</text:span><text:line-break/>surveillance</text:p></office:text>`,
        ),
      },
      'odt',
    );
    expect(text.pageCount).toBeNull();
    expect(text.pages).toEqual([
      { number: 1, text: 'Délibération\nLe conseil   vote\tla vidéoé\nsurveillance\n' },
    ]);
  });

  it('gives a page per sheet of an ods and per draw:page of an odp', async () => {
    const ods = await extract(
      {
        'content.xml': content(
          '<office:spreadsheet><table:table table:name="A"><table:table-row><table:table-cell><text:p>Lieu</text:p></table:table-cell><table:table-cell><text:p>Caméras</text:p></table:table-cell></table:table-row></table:table><table:table table:name="B"/></office:spreadsheet>',
        ),
      },
      'ods',
    );
    expect(ods.pageCount).toBe(2);
    expect(ods.pages[0]?.text).toBe('Lieu \tCaméras \t\n');
    const odp = await extract(
      {
        'content.xml': content(
          '<office:presentation><draw:page><draw:frame><draw:text-box><text:p>Titre</text:p></draw:text-box></draw:frame></draw:page><draw:page><text:p>Suite</text:p></draw:page></office:presentation>',
        ),
      },
      'odp',
    );
    expect(odp.pageCount).toBe(2);
    expect(odp.pages.map((page) => page.text)).toEqual(['Titre\n', 'Suite\n']);
  });

  it('reports a password-protected document as encrypted', async () => {
    const error = await failure(
      extract(
        {
          'content.xml': new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
          'META-INF/manifest.xml':
            '<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>',
        },
        'odt',
      ),
    );
    expect(error.code).toBe('encrypted');
  });
});
