import { describe, expect, it } from 'vitest';
import { PRIVACY_POLICY_VERSION } from '../pages/privacy/policy';
import { attachmentName, auditQuery, consentNeeded, policyVersion } from './privacy';

describe('consentNeeded', () => {
  const current = PRIVACY_POLICY_VERSION;
  it('asks an account that never consented', () => {
    expect(consentNeeded({ current_version: current, required: true })).toBe(true);
  });
  it('asks an account that accepted an older version', () => {
    expect(consentNeeded({ current_version: current, required: false, policy_version: '2020-01-01' })).toBe(true);
  });
  it('does not ask an account that accepted the version in force', () => {
    expect(consentNeeded({ current_version: current, required: false, policy_version: current, given_at: '2026-11-28T00:00:00Z' })).toBe(false);
  });
  it('asks nobody when the server says nothing', () => {
    expect(consentNeeded(undefined)).toBe(false);
  });
  it('takes the version in force from the server', () => {
    expect(policyVersion({ current_version: '2030-01-01', required: true })).toBe('2030-01-01');
    expect(policyVersion(undefined)).toBe(current);
  });
});

describe('auditQuery', () => {
  it('leaves out empty filters and trims the others', () => {
    expect(auditQuery({ actor: '  ', action: ' contact.reveal ', target: '' }, 2)).toEqual({ page: 2, per_page: 50, action: 'contact.reveal' });
  });
  it('keeps every filter given', () => {
    expect(auditQuery({ actor: 'acc-1', action: 'records.export', target: 'members' }, 1, 20)).toEqual({
      page: 1, per_page: 20, actor: 'acc-1', action: 'records.export', target: 'members',
    });
  });
});

describe('attachmentName', () => {
  it('reads the file name of a Content-Disposition header', () => {
    expect(attachmentName('attachment; filename="innonet-my-data-2026-11-28.json"', 'x.json')).toBe('innonet-my-data-2026-11-28.json');
    expect(attachmentName(null, 'x.json')).toBe('x.json');
  });
});
