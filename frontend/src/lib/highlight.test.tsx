import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { decodeEntities, Highlight, parseHighlight } from './highlight';

describe('parseHighlight', () => {
  it('splits marked and plain text', () => {
    expect(parseHighlight('tổ chức <mark>giao</mark> <mark>thông</mark> tại nút')).toEqual([
      { text: 'tổ chức ', mark: false },
      { text: 'giao', mark: true },
      { text: ' ', mark: false },
      { text: 'thông', mark: true },
      { text: ' tại nút', mark: false },
    ]);
  });

  it('decodes the escaped text', () => {
    expect(parseHighlight('R&amp;D &lt;b&gt; &#39;x&#39; &#34;y&#34; <mark>A&amp;B</mark>')).toEqual([
      { text: 'R&D <b> \'x\' "y" ', mark: false },
      { text: 'A&B', mark: true },
    ]);
  });

  it('keeps any other markup as text', () => {
    const segs = parseHighlight('<b>bold</b><script>alert(1)</script><mark class="x">m</mark><img src=x onerror=alert(1)>');
    // (the stray </mark> after an attribute-carrying <mark ...> closes nothing and is dropped)
    expect(segs).toEqual([{ text: '<b>bold</b><script>alert(1)</script><mark class="x">m<img src=x onerror=alert(1)>', mark: false }]);
  });

  it('copes with unbalanced tags', () => {
    expect(parseHighlight('a</mark>b<mark>c')).toEqual([
      { text: 'ab', mark: false },
      { text: 'c', mark: true },
    ]);
    expect(parseHighlight('<MARK>x</MARK>')).toEqual([{ text: 'x', mark: true }]);
    expect(parseHighlight('')).toEqual([]);
  });

  it('leaves unknown or broken entities alone', () => {
    expect(decodeEntities('&bogus; &#xZZ; &#0; & amp;')).toBe('&bogus; &#xZZ; &#0; & amp;');
    expect(decodeEntities('&#x1F600;&nbsp;')).toBe('😀\u00a0');
  });

  it('renders only <mark> elements; everything else is escaped text', () => {
    const html = renderToStaticMarkup(<Highlight fragment={'<mark>giao</mark> <img src=x onerror="alert(1)"> &lt;i&gt;'} />);
    expect(html).toBe('<mark>giao</mark> &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &lt;i&gt;');
    const doc = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
    const tags = [...doc.body.querySelectorAll('*')].map((e) => e.tagName.toLowerCase());
    expect(tags).toEqual(['div', 'mark']);
  });
});
