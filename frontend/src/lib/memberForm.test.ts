import { describe, expect, it } from 'vitest';
import type { Member } from '../api/client';
import { formFromMember, memberPatch } from './memberForm';

const base: Member = {
  id: 'st-1',
  kind: 'startup',
  name: 'CommuteLoop',
  headline: 'Shared e-bikes',
  description: 'We run bikes.',
  sectors: ['mobility'],
  skills: ['bike sharing'],
  ward: 'Ba Đình',
  languages: ['vi'],
  contact: { email: 'a@x.vn', email_visibility: 'members', phone_visibility: 'private', website: 'https://x.vn', website_visibility: 'public' },
  stage: 'seed',
  founded: 2022,
  team_size: 12,
  status: 'draft',
  verified: false,
  verification: 'none',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 3,
};

describe('memberPatch (profile form -> PATCH body)', () => {
  it('sends nothing when nothing changed', () => {
    const f = formFromMember(base);
    expect(memberPatch('startup', f, { ...f })).toBeNull();
  });

  it('sends only the changed fields, trimmed', () => {
    const f = formFromMember(base);
    const body = memberPatch('startup', f, { ...f, name: '  CommuteLoop JSC ', headline: 'Shared e-bikes' });
    expect(body).toEqual({ name: 'CommuteLoop JSC' });
  });

  it('maps lists, numbers and enums', () => {
    const f = formFromMember(base);
    const body = memberPatch('startup', f, {
      ...f,
      sectors: ['mobility', 'energy'],
      skills: ['bike sharing', ' iot ', ''],
      stage: 'series_a',
      founded: '2021',
      team_size: '',
    });
    expect(body).toEqual({ sectors: ['mobility', 'energy'], skills: ['bike sharing', 'iot'], stage: 'series_a', founded: 2021, team_size: 0 });
  });

  it('sends an emptied text field as "" and an emptied list as []', () => {
    const f = formFromMember(base);
    expect(memberPatch('startup', f, { ...f, headline: '', skills: [] })).toEqual({ headline: '', skills: [] });
  });

  it('cannot clear founded (the contract allows 1900-2100 only), so it is not sent', () => {
    const f = formFromMember(base);
    expect(memberPatch('startup', f, { ...f, founded: '' })).toBeNull();
  });

  it('sends contact changes as a partial object (the server merges them)', () => {
    const f = formFromMember(base);
    const body = memberPatch('startup', f, { ...f, phone: '024 1234 5678', phone_visibility: 'members' });
    expect(body).toEqual({ contact: { phone: '024 1234 5678', phone_visibility: 'members' } });
  });

  it("sends only the fields of the member's kind", () => {
    const f = formFromMember({ ...base, kind: 'expert' });
    const body = memberPatch('expert', f, {
      ...f,
      stage: 'growth', // not an expert field: ignored
      organization: 'Viện Giao thông',
      title: 'Trưởng phòng',
      years_experience: '19',
      available_for: ['mentoring', 'judging'],
    });
    expect(body).toEqual({ organization: 'Viện Giao thông', title: 'Trưởng phòng', years_experience: 19, available_for: ['mentoring', 'judging'] });
  });

  it('maps agency and innovation center fields', () => {
    const ag = formFromMember({ ...base, kind: 'agency', stage: undefined, founded: undefined, team_size: undefined });
    expect(memberPatch('agency', ag, { ...ag, jurisdiction: 'Phường Hoàn Kiếm' })).toEqual({ jurisdiction: 'Phường Hoàn Kiếm' });
    const ic = formFromMember({ ...base, kind: 'innovation_center', services: ['ươm tạo'] });
    expect(memberPatch('innovation_center', ic, { ...ic, services: ['ươm tạo', 'kết nối đầu tư'] })).toEqual({ services: ['ươm tạo', 'kết nối đầu tư'] });
  });

  it('passes a non-number through for the server to reject with a pointer', () => {
    const f = formFromMember(base);
    expect(memberPatch('startup', f, { ...f, team_size: 'abc' })).toEqual({ team_size: 'abc' });
  });
});
