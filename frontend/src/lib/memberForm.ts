import type { AvailableFor, Kind, Member, MemberUpdate, Stage, Visibility } from '../api/client';

/** The profile form's state: text inputs hold strings, numbers too until they are sent. */
export interface MemberForm {
  name: string;
  headline: string;
  description: string;
  sectors: string[];
  skills: string[];
  ward: string;
  languages: string[];
  email: string;
  phone: string;
  website: string;
  email_visibility: Visibility;
  phone_visibility: Visibility;
  website_visibility: Visibility;
  // startup
  stage: Stage | '';
  founded: string;
  team_size: string;
  // expert
  organization: string;
  title: string;
  years_experience: string;
  available_for: AvailableFor[];
  // innovation center
  services: string[];
  // agency
  jurisdiction: string;
}

/** The fields each kind of member has besides the common ones. */
export const KIND_FIELDS: Record<Kind, (keyof MemberForm)[]> = {
  startup: ['stage', 'founded', 'team_size'],
  expert: ['organization', 'title', 'years_experience', 'available_for'],
  innovation_center: ['services', 'founded', 'team_size'],
  agency: ['jurisdiction'],
};

export const COMMON_FIELDS: (keyof MemberForm)[] = [
  'name', 'headline', 'description', 'sectors', 'skills', 'ward', 'languages',
];

export const CONTACT_FIELDS = [
  'email', 'phone', 'website', 'email_visibility', 'phone_visibility', 'website_visibility',
] as const;

const numStr = (n: number | undefined) => (n === undefined || n === null || n === 0 ? '' : String(n));

/** The form as it starts from a profile. Visibility defaults follow the server's: email to members. */
export function formFromMember(m: Member): MemberForm {
  const c = m.contact ?? {};
  return {
    name: m.name ?? '',
    headline: m.headline ?? '',
    description: m.description ?? '',
    sectors: [...(m.sectors ?? [])],
    skills: [...(m.skills ?? [])],
    ward: m.ward ?? '',
    languages: [...(m.languages ?? [])],
    email: c.email ?? '',
    phone: c.phone ?? '',
    website: c.website ?? '',
    email_visibility: c.email_visibility ?? 'members',
    phone_visibility: c.phone_visibility ?? 'private',
    website_visibility: c.website_visibility ?? 'public',
    stage: m.stage ?? '',
    founded: numStr(m.founded),
    team_size: numStr(m.team_size),
    organization: m.organization ?? '',
    title: m.title ?? '',
    years_experience: numStr(m.years_experience),
    available_for: [...(m.available_for ?? [])],
    services: [...(m.services ?? [])],
    jurisdiction: m.jurisdiction ?? '',
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A number input's text as an integer; undefined when empty or not a whole number. */
export function parseIntField(s: string): number | undefined {
  const t = s.trim();
  if (t === '' || !/^-?\d+$/.test(t)) return undefined;
  return Number(t);
}

/**
 * The PATCH body for the fields that changed between the profile and the form (the API replaces the fields
 * present). Only the common fields and the fields of the member's kind are sent; contact details go as a
 * partial object, since the server merges them field by field. Emptying a number sends 0, which the server
 * stores as "not given", except `founded` (the contract allows 1900-2100 only: it cannot be cleared).
 * Returns null when nothing changed.
 */
export function memberPatch(kind: Kind, orig: MemberForm, form: MemberForm): MemberUpdate | null {
  const body: Record<string, unknown> = {};
  const fields = [...COMMON_FIELDS, ...KIND_FIELDS[kind]];
  for (const f of fields) {
    const a = orig[f];
    const b = form[f];
    if (Array.isArray(a) && Array.isArray(b)) {
      const clean = (b as string[]).map((x) => x.trim()).filter((x) => x !== '');
      if (!sameList(a as string[], clean)) body[f] = clean;
      continue;
    }
    if (f === 'founded' || f === 'team_size' || f === 'years_experience') {
      const before = parseIntField(a as string);
      const after = parseIntField(b as string);
      if (before === after) continue;
      if (after !== undefined) body[f] = after;
      else if (f !== 'founded' && (b as string).trim() === '') body[f] = 0;
      else if ((b as string).trim() !== '') body[f] = b; // not a number: let the server say so
      continue;
    }
    if (f === 'stage') {
      if (a !== b && b !== '') body[f] = b;
      continue;
    }
    const s = (b as string).trim();
    if (s !== (a as string).trim()) body[f] = s;
  }
  const contact: Record<string, string> = {};
  for (const f of CONTACT_FIELDS) {
    const s = form[f].trim();
    if (s !== orig[f].trim()) contact[f] = s;
  }
  if (Object.keys(contact).length > 0) body.contact = contact;
  return Object.keys(body).length > 0 ? (body as MemberUpdate) : null;
}
