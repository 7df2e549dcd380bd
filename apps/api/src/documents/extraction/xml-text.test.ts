import { describe, expect, it } from 'vitest';
import { attribute, decodeEntities, scanXml, tidyText } from './xml-text.js';

describe('decodeEntities', () => {
  it('decodes the XML entities and character references, and leaves the rest', () => {
    expect(
      decodeEntities('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#xE9;&#X1F4F7;'),
    ).toBe('a & b <c> "d" \'e\' éé📷');
    expect(decodeEntities('&nbsp; &#0; &#xD800; &unknown;')).toBe('&nbsp; &#0; &#xD800; &unknown;');
  });
});

describe('scanXml', () => {
  it('reports tags and text in order, skipping comments and declarations, keeping CDATA', () => {
    const events: string[] = [];
    scanXml('<?xml version="1.0"?><!-- note --><a x="1"><b/>t&amp;t<![CDATA[<raw>]]></a>', {
      open: (name, attributes, selfClosing) =>
        events.push(`open ${name}${attributes}${selfClosing ? '/' : ''}`),
      close: (name) => events.push(`close ${name}`),
      text: (value) => events.push(`text ${value}`),
    });
    expect(events).toEqual([
      'open a x="1"',
      'open b/',
      'close b',
      'text t&t',
      'text <raw>',
      'close a',
    ]);
  });

  it('reads attributes in either quotes', () => {
    expect(attribute(' t="s" r=\'A1\'', 'r')).toBe('A1');
    expect(attribute(' text:c="3"', 'text:c')).toBe('3');
    expect(attribute(' xt="s"', 't')).toBeNull();
  });
});

describe('tidyText', () => {
  it('normalises line breaks and trailing blanks, and squeezes blank lines', () => {
    expect(tidyText('\n  a \t\r\nb\r\r\r\n\nc\t\n')).toBe('a\nb\n\nc');
  });
});
