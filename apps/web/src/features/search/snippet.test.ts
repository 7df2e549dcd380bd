import { describe, expect, it } from 'vitest';
import { sanitizeSnippet } from './snippet';

describe('sanitizeSnippet', () => {
  it('keeps the marks and what the server escaped', () => {
    const html =
      'les <mark>caméras</mark> de la société &#60;Thales&#62; &#38; <mark>drones</mark>';
    expect(sanitizeSnippet(html)).toBe(html);
  });

  it('escapes any other tag, attributes and all', () => {
    expect(sanitizeSnippet('<img src=x onerror="alert(1)"> <script>alert(2)</script>')).toBe(
      '&lt;img src=x onerror="alert(1)"&gt; &lt;script&gt;alert(2)&lt;/script&gt;',
    );
    expect(sanitizeSnippet('<mark onclick="alert(1)">x</mark>')).toBe(
      '&lt;mark onclick="alert(1)"&gt;x',
    );
    expect(sanitizeSnippet('<MARK>x</MARK> <b>y</b>')).toBe(
      '&lt;MARK&gt;x&lt;/MARK&gt; &lt;b&gt;y&lt;/b&gt;',
    );
  });

  it('balances marks, so that none spills over what follows', () => {
    expect(sanitizeSnippet('a</mark> <mark>b <mark>c')).toBe('a <mark>b c</mark>');
  });

  it('renders as text and marks only', () => {
    const element = document.createElement('p');
    element.innerHTML = sanitizeSnippet('<mark>vidéo</mark><iframe src="https://example.org">');
    expect([...element.querySelectorAll('*')].map((node) => node.tagName)).toEqual(['MARK']);
    expect(element.textContent).toBe('vidéo<iframe src="https://example.org">');
  });
});
