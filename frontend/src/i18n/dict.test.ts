import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, vi, type Key } from './dict';
import { translate } from './index';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('i18n dictionary', () => {
  const viKeys = Object.keys(vi).sort();
  const enKeys = Object.keys(en).sort();

  it('has every key in both languages', () => {
    expect(enKeys).toEqual(viKeys);
  });

  it('has no empty string', () => {
    for (const k of viKeys) {
      expect(vi[k as Key].trim(), `vi ${k}`).not.toBe('');
      expect(en[k as Key].trim(), `en ${k}`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const k of viKeys) {
      expect(placeholders(en[k as Key]), k).toEqual(placeholders(vi[k as Key]));
    }
  });

  it('fills placeholders', () => {
    expect(translate('vi', 'common.pageOf', { page: 2, pages: 5 })).toBe('Trang 2 / 5');
    expect(translate('en', 'common.pageOf', { page: 2, pages: 5 })).toBe('Page 2 of 5');
  });

  it('has every key the source code asks for', () => {
    const root = resolve(import.meta.dirname, '..');
    const missing: string[] = [];
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!(m[1] in vi)) missing.push(`${file}: ${m[1]}`);
      }
      // Keys built from an enum value (t(`kind.${k}`)): the prefix must exist.
      for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\$\{/g)) {
        if (!viKeys.some((k) => k.startsWith(m[1]))) missing.push(`${file}: ${m[1]}*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('labels every value of the API enums', () => {
    const enums: Record<string, string[]> = {
      kind: ['startup', 'expert', 'innovation_center', 'agency'],
      kindPlural: ['startup', 'expert', 'innovation_center', 'agency'],
      stage: ['idea', 'mvp', 'seed', 'series_a', 'growth'],
      avail: ['mentoring', 'consulting', 'research', 'training', 'judging'],
      vis: ['public', 'members', 'private'],
      pstatus: ['draft', 'published'],
      verif: ['none', 'pending', 'verified', 'rejected'],
      cstatus: ['draft', 'open', 'closed', 'awarded'],
      istatus: ['submitted', 'shortlisted', 'declined', 'selected'],
      ikind: ['interest', 'proposal'],
      freq: ['instant', 'daily', 'weekly', 'off'],
      suggest: ['member', 'skill', 'sector'],
      'notif.type': ['challenge_match', 'profile_match', 'interest', 'interest_status'],
      'myProfile.kindFields': ['startup', 'expert', 'innovation_center', 'agency'],
      'auth.kindDesc': ['startup', 'expert', 'innovation_center', 'agency'],
      'admin.type': ['members', 'challenges'],
      errcode: ['invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'precondition_failed', 'rate_limited', 'too_large', 'unavailable', 'internal'],
    };
    for (const [prefix, values] of Object.entries(enums)) {
      for (const v of values) expect(`${prefix}.${v}` in vi, `${prefix}.${v}`).toBe(true);
    }
  });
});
