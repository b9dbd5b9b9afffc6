import { describe, expect, it } from 'vitest';
import { markdownToSafeHtml } from './markdown.js';

describe('markdownToSafeHtml', () => {
  it('keeps text formatting and web links', () => {
    const html = markdownToSafeHtml('We are **on it**. See [the notice](https://example.com/n).');
    expect(html).toContain('<strong>on it</strong>');
    expect(html).toContain('<a href="https://example.com/n" rel="nofollow noopener noreferrer">the notice</a>');
  });

  it.each([
    ['a script tag', 'Hi <script>alert(1)</script> there', /<script|alert\(1\)/i],
    ['an iframe', '<iframe src="https://evil.example"></iframe>text', /<iframe|evil\.example/i],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript:/i],
    ['a JaVaScRiPt: link in HTML', '<a href="JaVaScRiPt:alert(1)">x</a>', /javascript:/i],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD4=)', /data:/i],
    ['a data: image', '![x](data:image/svg+xml;base64,PHN2Zz4=)', /data:|<img/i],
    ['an event handler', '<p onclick="alert(1)">x</p>', /onclick/i],
    ['a style tag', '<style>body{display:none}</style>ok', /<style|display:none/i],
  ])('removes %s', (_what, markdown, forbidden) => {
    const html = markdownToSafeHtml(markdown);
    expect(html).not.toMatch(forbidden);
  });

  it('keeps the text around what it removes', () => {
    expect(markdownToSafeHtml('Hi <script>alert(1)</script> there')).toContain('there');
  });
});
