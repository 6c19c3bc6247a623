import type { Challenge } from '../api/client';

/** A size in bytes for people: "830 B", "12 KB", "9.5 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  const mb = n / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** Whether members may still respond to the challenge at now: the server's word, else open and before closes_at. */
export function acceptsResponses(c: Pick<Challenge, 'status' | 'closes_at' | 'accepting_responses'>, now: Date = new Date()): boolean {
  if (c.status !== 'open') return false;
  if (c.closes_at && now.getTime() >= Date.parse(c.closes_at)) return false;
  return c.accepting_responses ?? true;
}

/** The file name from a Content-Disposition header (RFC 6266, with the RFC 5987 form preferred). */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"((?:[^"\\]|\\.)*)"|filename\s*=\s*([^;\s]+)/.exec(header);
  return plain ? (plain[1] ?? plain[2]).replace(/\\(.)/g, '$1') : fallback;
}
