import { describe, expect, it } from 'vitest';
import { checkBaseUrl, joinUrl, originPattern } from '../../lib/origin';

describe('origin rules', () => {
  it('names the port for Chrome (a grant for every port covers it) and leaves it out for Firefox', () => {
    expect(originPattern('http://127.0.0.1:8787/userplane/api/v1', { withPort: true })).toBe('http://127.0.0.1:8787/*');
    expect(originPattern('http://127.0.0.1:8787/userplane/api/v1', { withPort: false })).toBe('http://127.0.0.1/*');
    expect(originPattern('https://api.sharely.ai', { withPort: true })).toBe('https://api.sharely.ai/*');
  });

  it('accepts https anywhere and http only on loopback', () => {
    expect(checkBaseUrl('https://api.example.com/v1/')).toEqual({ ok: true, value: 'https://api.example.com/v1' });
    expect(checkBaseUrl('http://localhost:3000').ok).toBe(true);
    const insecure = checkBaseUrl('http://api.example.com');
    expect(!insecure.ok && insecure.error.code).toBe('insecure-base-url');
    expect(checkBaseUrl('https://user:pw@api.example.com').ok).toBe(false);
    expect(checkBaseUrl('ftp://api.example.com').ok).toBe(false);
  });

  it('keeps a base URL path prefix when joining', () => {
    expect(joinUrl('https://api.userplane.io/api/v1/', '/public/workspace/w/links')).toBe('https://api.userplane.io/api/v1/public/workspace/w/links');
  });
});
