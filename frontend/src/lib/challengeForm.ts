import type { Challenge, ChallengeCreate, ChallengeUpdate, SolverKind } from '../api/client';

export interface ChallengeForm {
  title: string;
  description: string;
  context: string;
  constraints: string;
  expected_outcome: string;
  sectors: string[];
  required_skills: string[];
  preferred_kinds: SolverKind[];
  /** VND, as typed: "50.000.000", "50 000 000" and "50000000" are the same. */
  budget_vnd: string;
  /** YYYY-MM-DD from <input type="date">. */
  deadline: string;
  ward: string;
}

export const TEXT_FIELDS = ['title', 'description', 'context', 'constraints', 'expected_outcome', 'ward', 'deadline'] as const;
export const LIST_FIELDS = ['sectors', 'required_skills', 'preferred_kinds'] as const;

export function emptyChallengeForm(): ChallengeForm {
  return {
    title: '', description: '', context: '', constraints: '', expected_outcome: '',
    sectors: [], required_skills: [], preferred_kinds: [], budget_vnd: '', deadline: '', ward: '',
  };
}

export function formFromChallenge(c: Challenge): ChallengeForm {
  return {
    title: c.title ?? '',
    description: c.description ?? '',
    context: c.context ?? '',
    constraints: c.constraints ?? '',
    expected_outcome: c.expected_outcome ?? '',
    sectors: [...(c.sectors ?? [])],
    required_skills: [...(c.required_skills ?? [])],
    preferred_kinds: [...(c.preferred_kinds ?? [])],
    budget_vnd: c.budget_vnd ? String(c.budget_vnd) : '',
    deadline: c.deadline ?? '',
    ward: c.ward ?? '',
  };
}

/** "50.000.000 ₫" -> 50000000; undefined when empty; NaN when not a number. */
export function parseBudget(s: string): number | undefined {
  const t = s.replace(/[\s.,_₫]|vnd|đ/gi, '');
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : NaN;
}

const clean = (xs: readonly string[]) => xs.map((x) => x.trim()).filter((x) => x !== '');
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The body that creates a draft: the required fields, and the others that were filled in. */
export function challengeCreateBody(form: ChallengeForm): ChallengeCreate {
  const body: Record<string, unknown> = { title: form.title.trim(), description: form.description.trim() };
  for (const f of TEXT_FIELDS) {
    const v = form[f].trim();
    if (v !== '' && !(f in body)) body[f] = v;
  }
  for (const f of LIST_FIELDS) {
    const v = clean(form[f]);
    if (v.length > 0) body[f] = v;
  }
  const b = parseBudget(form.budget_vnd);
  if (b !== undefined) body.budget_vnd = Number.isNaN(b) ? form.budget_vnd : b;
  return body as unknown as ChallengeCreate;
}

/**
 * The PATCH body for what changed. An emptied budget is sent as 0 (no budget). A deadline cannot be removed
 * through the API once set (the contract has no null and "" is not a date), so an emptied deadline is not sent.
 */
export function challengePatch(orig: ChallengeForm, form: ChallengeForm): ChallengeUpdate | null {
  const body: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) {
    const v = form[f].trim();
    if (v === orig[f].trim()) continue;
    if (f === 'deadline' && v === '') continue;
    body[f] = v;
  }
  for (const f of LIST_FIELDS) {
    const v = clean(form[f]);
    if (!same(v, orig[f])) body[f] = v;
  }
  const before = parseBudget(orig.budget_vnd);
  const after = parseBudget(form.budget_vnd);
  if (before !== after && !(Number.isNaN(before) && Number.isNaN(after))) {
    body.budget_vnd = after === undefined ? 0 : Number.isNaN(after) ? form.budget_vnd : after;
  }
  return Object.keys(body).length > 0 ? (body as ChallengeUpdate) : null;
}
