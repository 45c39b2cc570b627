import { getAttr, List, repr, StarlarkError } from '@slant/starlark';
import { describe, expect, it } from 'vitest';
import { linkBuiltin, linksConv, urlWithScheme } from './link.ts';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StarlarkError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('links', () => {
  it('adds http to URLs without a scheme', () => {
    expect(urlWithScheme('ws://www.zombo.com')).toBe('ws://www.zombo.com');
    expect(urlWithScheme('www.zombo.com')).toBe('http://www.zombo.com');
    expect(urlWithScheme('localhost:4000')).toBe('localhost:4000');
    expect(message(() => urlWithScheme(''))).toBe('url empty');
  });

  it('link() is a struct with url and name', () => {
    const l = linkBuiltin('link', ['localhost:4000', 'web'], null);
    expect(getAttr(l, 'url')).toBe('localhost:4000');
    expect(getAttr(l, 'name')).toBe('web');
    expect(repr(l)).toBe('link(name = "web", url = "localhost:4000")');
    expect(message(() => linkBuiltin('link', [''], null))).toBe('validating URL "": url empty');
  });

  it('links= takes strings, links or sequences of them', () => {
    const l = linkBuiltin('link', ['http://a', 'A'], null);
    expect(linksConv(new List(['b.com', l]))).toEqual([
      { url: 'http://b.com', name: '' },
      { url: 'http://a', name: 'A' },
    ]);
    expect(message(() => linksConv(1))).toBe(
      '`Want a string, a link, or a sequence of these; found 1 (type: starlark.Int)',
    );
  });
});
