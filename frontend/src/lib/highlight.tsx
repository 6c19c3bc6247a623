import { Fragment } from 'react';

/** A run of text, marked (a search match) or not. */
export interface Segment {
  text: string;
  mark: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode the character references an HTML-escaped fragment may hold; an unknown one stays as it is. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return m;
      try {
        return String.fromCodePoint(code);
      } catch {
        return m;
      }
    }
    const v = NAMED[ref.toLowerCase()];
    return v ?? m;
  });
}

/**
 * Parse a highlight fragment from the API (HTML-escaped text with the matched words in <mark>...</mark>) into
 * segments. Only the exact tags <mark> and </mark> have a meaning; any other markup is kept as text, so
 * nothing from the data can become an element, an attribute or a script.
 */
export function parseHighlight(fragment: string): Segment[] {
  const out: Segment[] = [];
  const push = (raw: string, mark: boolean) => {
    if (!raw) return;
    const text = decodeEntities(raw);
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += text;
    else out.push({ text, mark });
  };
  const re = /<(\/?)mark>/gi;
  let depth = 0;
  let at = 0;
  for (let m = re.exec(fragment); m; m = re.exec(fragment)) {
    push(fragment.slice(at, m.index), depth > 0);
    if (m[1]) depth = Math.max(0, depth - 1);
    else depth++;
    at = m.index + m[0].length;
  }
  push(fragment.slice(at), depth > 0);
  return out;
}

/** The fragment as React elements: <mark> for the matches, plain text for everything else. */
export function Highlight({ fragment }: { fragment: string }) {
  return (
    <>
      {parseHighlight(fragment).map((s, i) =>
        s.mark ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>,
      )}
    </>
  );
}

/** A field's first highlight fragment, if the search marked one. */
export function firstHighlight(h: Record<string, string[]> | undefined, field: string): string | undefined {
  const list = h?.[field];
  return list && list.length > 0 ? list[0] : undefined;
}

/** Show a field highlighted when the search marked it, else its text. */
export function HighlightOr({ h, field, text }: { h: Record<string, string[]> | undefined; field: string; text: string }) {
  const f = firstHighlight(h, field);
  return f ? <Highlight fragment={f} /> : <>{text}</>;
}
