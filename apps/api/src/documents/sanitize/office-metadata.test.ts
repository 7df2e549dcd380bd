import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeElements, stripOfficeMetadata } from './office-metadata.js';

const SECRETS = [
  'Jean Dupont',
  'jdupont',
  'Préfecture',
  'Big Boss',
  '2024-03-05',
  'jean.dupont@example.org',
  'LibreOffice/7.6',
];

const CORE_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Camera contract</dc:title><dc:creator>Jean Dupont</dc:creator><cp:lastModifiedBy>jdupont</cp:lastModifiedBy>
<cp:lastPrinted>2024-03-05T10:00:00Z</cp:lastPrinted><dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T09:00:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-05T11:00:00Z</dcterms:modified></cp:coreProperties>`;

const APP_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template><Pages>1</Pages><Company>Préfecture</Company><Manager>Big Boss</Manager></Properties>`;

const CUSTOM_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_Owner"><vt:lpwstr>jean.dupont@example.org</vt:lpwstr></property></Properties>`;

const META_XML = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta>
<meta:initial-creator>Jean Dupont</meta:initial-creator><dc:creator>jdupont</dc:creator><meta:creation-date>2024-03-05T09:00:00</meta:creation-date>
<dc:date>2024-03-05T11:00:00</dc:date><meta:generator>LibreOffice/7.6</meta:generator><meta:user-defined meta:name="Service"/><meta:user-defined meta:name="Owner">Big Boss</meta:user-defined>
<dc:title>Camera contract</dc:title><meta:document-statistic meta:page-count="1"/></office:meta></office:document-meta>`;

const DOCUMENT_XML =
  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>The vendor installs 40 cameras.</w:t></w:r></w:p></w:body></w:document>';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'technopolice-sanitize-office-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCount = 0;
async function strip(input: Uint8Array): Promise<{ output: Buffer; removed: string[] }> {
  fileCount += 1;
  const inputPath = join(dir, `in-${fileCount}`);
  const outputPath = join(dir, `out-${fileCount}`);
  await writeFile(inputPath, input);
  const { removed } = await stripOfficeMetadata(inputPath, outputPath);
  return { output: await readFile(outputPath), removed };
}

function docx(): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    'word/document.xml': strToU8(DOCUMENT_XML),
    'docProps/core.xml': strToU8(CORE_XML),
    'docProps/app.xml': strToU8(APP_XML),
    'docProps/custom.xml': strToU8(CUSTOM_XML),
    'word/media/picture.bin': [new Uint8Array(3000).fill(7), { level: 0 }],
  });
}

function expectNoSecrets(entries: Record<string, Uint8Array>, output: Buffer): void {
  const everything = [
    output.toString('latin1'),
    ...Object.values(entries).map((data) => strFromU8(data)),
  ].join('\n');
  for (const secret of SECRETS) expect(everything).not.toContain(secret);
}

describe('stripOfficeMetadata', () => {
  it('removes authors, dates, company and custom properties from a docx, and nothing else', async () => {
    const { output, removed } = await strip(docx());

    const entries = unzipSync(output);
    expect(Object.keys(entries)).toEqual(Object.keys(unzipSync(docx())));
    expect(strFromU8(entries['word/document.xml'] ?? new Uint8Array())).toBe(DOCUMENT_XML);
    expect(entries['word/media/picture.bin']).toEqual(new Uint8Array(3000).fill(7));
    const core = strFromU8(entries['docProps/core.xml'] ?? new Uint8Array());
    expect(core).toContain('<dc:title>Camera contract</dc:title>');
    expect(core).toMatch(/<cp:coreProperties [^>]*>[\s\S]*<\/cp:coreProperties>$/);
    expect(strFromU8(entries['docProps/app.xml'] ?? new Uint8Array())).toContain(
      '<Pages>1</Pages>',
    );
    expect(strFromU8(entries['docProps/custom.xml'] ?? new Uint8Array())).toMatch(
      /<Properties [^>]*><\/Properties>$/,
    );
    expect(removed).toEqual(['office-core', 'office-app', 'office-custom']);
    expectNoSecrets(entries, output);
  });

  it('removes meta.xml authors from an ODF file, keeping mimetype first and stored', async () => {
    const odt = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': strToU8('<office:document-content/>'),
      'meta.xml': strToU8(META_XML),
    });

    const { output, removed } = await strip(odt);

    // Local header: compression method at 8, DOS date at 12 (1980-01-01), name at 30.
    expect(output.readUInt16LE(8)).toBe(0);
    expect(output.readUInt16LE(12)).toBe((0 << 9) | (1 << 5) | 1);
    expect(output.toString('latin1', 30, 38)).toBe('mimetype');
    const entries = unzipSync(output);
    const meta = strFromU8(entries['meta.xml'] ?? new Uint8Array());
    expect(meta).toContain('<dc:title>Camera contract</dc:title>');
    expect(meta).toContain('<meta:document-statistic meta:page-count="1"/>');
    expect(removed).toEqual(['odf-meta']);
    expectNoSecrets(entries, output);
  });

  it('reads its own streamed output (data descriptors) and finds nothing more to remove', async () => {
    const once = await strip(docx());

    const twice = await strip(once.output);

    expect(twice.removed).toEqual([]);
    expect(unzipSync(twice.output)).toEqual(unzipSync(once.output));
  });

  it('refuses what is not a zip, or a zip cut short', async () => {
    const whole = docx();
    await expect(strip(strToU8('not a zip at all'))).rejects.toMatchObject({ code: 'malformed' });
    await expect(strip(whole.subarray(0, whole.length / 2))).rejects.toMatchObject({
      code: 'malformed',
    });
  });
});

describe('removeElements', () => {
  it('removes elements by local name, self-closing or not, and leaves longer names alone', () => {
    const xml =
      '<r><a:date>1</a:date><b:creation-date>2</b:creation-date><date/><x:date y="/"/><dates>3</dates></r>';
    expect(removeElements(xml, ['date'])).toBe(
      '<r><b:creation-date>2</b:creation-date><dates>3</dates></r>',
    );
  });
});
