/** What a scan of XML reports, in document order. */
export interface XmlHandler {
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data, entities already decoded. */
  text(value: string): void;
}

// Comments, CDATA, declarations and processing instructions first, then tags, then text.
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!][^>]*>|<(\/?)([^\s/>]+)([^>]*?)(\/?)>|([^<]+)/g;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Decodes the five XML entities and numeric character references; leaves unknown ones as is. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body] ?? whole;
    const code =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : whole;
  });
}

/**
 * Walks XML with a tolerant tokenizer rather than a validating parser: office files from odd
 * generators are often not quite well-formed, and all we need is text in order.
 */
export function scanXml(xml: string, handler: XmlHandler): void {
  for (const match of xml.matchAll(TOKEN)) {
    const [, cdata, slash, name, attributes, selfClosing, text] = match;
    if (cdata !== undefined) handler.text(cdata);
    else if (text !== undefined) handler.text(decodeEntities(text));
    else if (name === undefined) continue;
    else if (slash) handler.close(name);
    else {
      handler.open(name, attributes ?? '', selfClosing === '/');
      if (selfClosing === '/') handler.close(name);
    }
  }
}

/** The value of one attribute in a tag's attribute text, entities decoded. */
export function attribute(attributes: string, name: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|\\s)${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? decodeEntities(match[1] ?? match[2] ?? '') : null;
}

/**
 * Tidies extracted text: one kind of line break, no trailing spaces, no runs of blank lines,
 * no leading or trailing blank space.
 */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
