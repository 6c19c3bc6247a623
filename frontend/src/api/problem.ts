import type { Problem } from './client';

/** An API failure as the UI shows it: the problem's detail, and per-field messages by JSON pointer. */
export interface UIError {
  status: number;
  title: string;
  detail: string;
  code?: string;
  /** pointer ("/name", "/contact/email", or a parameter name) -> message */
  fields: Record<string, string>;
}

export function isProblem(x: unknown): x is Problem {
  return typeof x === 'object' && x !== null && 'status' in x && 'title' in x;
}

/** Turn whatever an openapi-fetch call returned as `error` (problem+json, or nothing) into a UIError. */
export function toUIError(error: unknown, response?: Response): UIError {
  const status = response?.status ?? (isProblem(error) ? error.status : 0);
  if (isProblem(error)) {
    const fields: Record<string, string> = {};
    for (const e of error.errors ?? []) {
      const key = normalisePointer(e.pointer);
      fields[key] = fields[key] ? `${fields[key]}; ${e.detail}` : e.detail;
    }
    return { status, title: error.title, detail: error.detail ?? error.title, code: error.code, fields };
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return { status: 0, title: 'aborted', detail: '', fields: {} };
  }
  const msg = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return { status, title: msg || `HTTP ${status}`, detail: msg || `HTTP ${status}`, fields: {} };
}

/** "/contact/email" stays; "contact.email" and "email" (a parameter name) become pointers too. */
export function normalisePointer(p: string): string {
  if (p.startsWith('/')) return p;
  return '/' + p.replace(/\./g, '/');
}

/** The message for a field and its children ("/skills" also collects "/skills/3"). */
export function fieldError(err: UIError | null | undefined, pointer: string): string | undefined {
  if (!err) return undefined;
  if (err.fields[pointer]) return err.fields[pointer];
  const child = Object.keys(err.fields).find((k) => k.startsWith(pointer + '/'));
  return child ? err.fields[child] : undefined;
}

/** Field messages that no input on the form claimed, to show in the summary. */
export function unclaimedFields(err: UIError | null | undefined, claimed: string[]): string[] {
  if (!err) return [];
  return Object.entries(err.fields)
    .filter(([k]) => !claimed.some((c) => k === c || k.startsWith(c + '/')))
    .map(([k, v]) => `${k}: ${v}`);
}
