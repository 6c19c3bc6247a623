// Small rules of the privacy pages, kept apart from the components so that they are unit tested.
import { PRIVACY_POLICY_VERSION } from '../pages/privacy/policy';

/** What /auth/me says about consent. */
export interface ConsentInfo {
  current_version: string;
  required: boolean;
  policy_version?: string;
  given_at?: string;
}

/**
 * Whether a signed-in account must be asked to accept the privacy policy: it never accepted one, or an older
 * version than the one in force. Without consent info (an older server) nobody is asked.
 */
export function consentNeeded(consent: ConsentInfo | undefined): boolean {
  if (!consent) return false;
  return consent.required || consent.policy_version !== consent.current_version;
}

/** The version the web app shows and asks to accept: the server's when it says, else the app's own. */
export function policyVersion(consent: ConsentInfo | undefined): string {
  return consent?.current_version ?? PRIVACY_POLICY_VERSION;
}

/** The filters of the admin audit page. */
export interface AuditFilters {
  actor: string;
  action: string;
  target: string;
}

/** The query of /admin/audit for the filters: empty filters are left out, values trimmed. */
export function auditQuery(f: AuditFilters, page: number, perPage = 50): Record<string, string | number> {
  const q: Record<string, string | number> = { page, per_page: perPage };
  for (const k of ['actor', 'action', 'target'] as const) {
    const v = f[k].trim();
    if (v) q[k] = v;
  }
  return q;
}

/** A file name from a Content-Disposition header, or the fallback. */
export function attachmentName(disposition: string | null, fallback: string): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return m ? decodeURIComponent(m[1]) : fallback;
}

/** Save a blob as a download in the browser. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
