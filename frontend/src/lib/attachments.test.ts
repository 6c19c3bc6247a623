import { describe, expect, it } from 'vitest';
import { acceptsResponses, dispositionName, formatBytes } from './attachments';

describe('formatBytes', () => {
  it('uses B, KB and MB', () => {
    expect(formatBytes(830)).toBe('830 B');
    expect(formatBytes(12 * 1024)).toBe('12 KB');
    expect(formatBytes(9.5 * 1024 * 1024)).toBe('9.5 MB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
  });
});

describe('acceptsResponses', () => {
  const closes = '2027-03-11T17:00:00Z';
  it('is false once closes_at has passed, even if the server said yes when the page loaded', () => {
    expect(acceptsResponses({ status: 'open', closes_at: closes, accepting_responses: true }, new Date('2027-03-11T16:59:59Z'))).toBe(true);
    expect(acceptsResponses({ status: 'open', closes_at: closes, accepting_responses: true }, new Date('2027-03-11T17:00:00Z'))).toBe(false);
  });
  it('follows the status and the server', () => {
    expect(acceptsResponses({ status: 'closed' })).toBe(false);
    expect(acceptsResponses({ status: 'open' })).toBe(true);
    expect(acceptsResponses({ status: 'open', accepting_responses: false })).toBe(false);
  });
});

describe('dispositionName', () => {
  it('prefers the UTF-8 form', () => {
    expect(dispositionName(`attachment; filename*=utf-8''B%E1%BA%A3n%20%C4%91%E1%BB%93.pdf`, 'x')).toBe('Bản đồ.pdf');
    expect(dispositionName('attachment; filename="plan \\"a\\".pdf"', 'x')).toBe('plan "a".pdf');
    expect(dispositionName('attachment; filename=plan.pdf', 'x')).toBe('plan.pdf');
    expect(dispositionName(null, 'x')).toBe('x');
  });
});
