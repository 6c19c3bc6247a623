import { describe, expect, it } from 'vitest';
import type { Challenge } from '../api/client';
import { challengeCreateBody, challengePatch, emptyChallengeForm, formFromChallenge, parseBudget } from './challengeForm';

const c: Challenge = {
  id: 'ch-1',
  posted_by: 'ag-1',
  title: 'Giảm ùn tắc nút giao',
  description: 'Đo và giảm thời gian chờ tại các nút giao lớn.',
  sectors: ['mobility'],
  required_skills: ['computer vision'],
  preferred_kinds: ['startup'],
  budget_vnd: 500000000,
  deadline: '2027-03-31',
  status: 'draft',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 1,
};

describe('challenge form -> request bodies', () => {
  it('parses budgets written the Vietnamese way', () => {
    expect(parseBudget('500.000.000')).toBe(500000000);
    expect(parseBudget('500 000 000 ₫')).toBe(500000000);
    expect(parseBudget('')).toBeUndefined();
    expect(parseBudget('abc')).toBeNaN();
  });

  it('creates with the filled fields only', () => {
    const f = { ...emptyChallengeForm(), title: ' Tiêu đề bài toán ', description: 'Mô tả đủ dài cho bài toán.', budget_vnd: '1.000.000', required_skills: ['iot', ' '] };
    expect(challengeCreateBody(f)).toEqual({ title: 'Tiêu đề bài toán', description: 'Mô tả đủ dài cho bài toán.', budget_vnd: 1000000, required_skills: ['iot'] });
  });

  it('patches what changed', () => {
    const f = formFromChallenge(c);
    expect(challengePatch(f, { ...f })).toBeNull();
    expect(challengePatch(f, { ...f, title: 'Tiêu đề mới', preferred_kinds: ['startup', 'expert'], budget_vnd: '' })).toEqual({
      title: 'Tiêu đề mới',
      preferred_kinds: ['startup', 'expert'],
      budget_vnd: 0,
    });
  });

  it('does not send an emptied deadline (the API cannot clear it)', () => {
    const f = formFromChallenge(c);
    expect(challengePatch(f, { ...f, deadline: '' })).toBeNull();
    expect(challengePatch(f, { ...f, deadline: '2027-06-30' })).toEqual({ deadline: '2027-06-30' });
  });
});
