import { describe, expect, it } from 'vitest';
import { linkParts } from './linkify';

describe('linkParts', () => {
  it('finds http and https links, leaving sentence punctuation out', () => {
    expect(linkParts('See https://grafana.example.com/d/x?from=1, then http://a.example.')).toEqual([
      { text: 'See ' },
      { url: 'https://grafana.example.com/d/x?from=1' },
      { text: ', then ' },
      { url: 'http://a.example' },
      { text: '.' },
    ]);
  });

  it('keeps text without links, line breaks included, as one part', () => {
    expect(linkParts('line one\nline two')).toEqual([{ text: 'line one\nline two' }]);
    expect(linkParts('')).toEqual([]);
  });

  it('does not make links of other schemes', () => {
    expect(linkParts('javascript:alert(1) ftp://x')).toEqual([{ text: 'javascript:alert(1) ftp://x' }]);
  });
});
