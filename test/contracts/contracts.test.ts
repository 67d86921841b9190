// Every body a provider builds validates against the JSON Schema written from its spec; over-limit captures never get a body.
import { describe, expect, it } from 'vitest';
import { buildRequestFor, providerIds } from '../../lib/providers';
import type { ProviderId } from '../../lib/providers/types';
import {
  captureFor,
  destinations,
  linkActionError,
  linkdingBookmark,
  karakeepBookmark,
  karakeepZodError,
  linkwardenLink,
  poozleError,
  sharelyError,
  shortpenError,
  successBodies,
  userplaneError,
  type CaptureOverrides,
} from './fixtures';
import { compileContract, describeErrors, loadContract, type ContractKind } from './schemas';

interface Case {
  name: string;
  capture: CaptureOverrides;
  /** Providers that must refuse this capture, with the capture field they name. */
  refusedBy?: Partial<Record<ProviderId, string>>;
}

const longUrl = `https://example.com/${'a'.repeat(2100)}`;
const manyTags = Array.from({ length: 50 }, (_, i) => `tag-number-${i}-${'x'.repeat(20)}`);

const cases: Case[] = [
  { name: 'minimal page', capture: {} },
  { name: 'blank title', capture: { page: { title: '' } } },
  { name: 'whitespace title and note', capture: { page: { title: '   ' }, note: '   ' } },
  {
    name: 'unicode everywhere',
    capture: {
      page: { url: 'https://例え.jp/パス/ä?q=ü&emoji=🎉#teil', title: 'Ünïcödé — 日本語 🎉', siteName: 'Café ☕' },
      note: 'Notiz mit Umlauten äöü und 🚀',
      tags: ['café', '日本', '🎉'],
    },
  },
  { name: 'very long title (2000)', capture: { page: { title: 'T'.repeat(2000) } }, refusedBy: { userplane: 'title', linkding: 'title', karakeep: 'title' } },
  { name: 'title of exactly 512', capture: { page: { title: 'T'.repeat(512) } } },
  { name: 'title of exactly 1024', capture: { page: { title: 'T'.repeat(1024) } }, refusedBy: { linkding: 'title', karakeep: 'title' } },
  { name: 'note of exactly 300', capture: { note: 'n'.repeat(300) } },
  { name: 'note of 301', capture: { note: 'n'.repeat(301) }, refusedBy: { shortpen: 'note' } },
  { name: 'note of 5000', capture: { note: 'n'.repeat(5000) }, refusedBy: { shortpen: 'note', userplane: 'note', linkwarden: 'note' } },
  { name: 'a few tags', capture: { tags: ['research', 'to-read'] } },
  { name: 'many long tags', capture: { tags: manyTags }, refusedBy: { userplane: 'tags' } },
  { name: 'query and fragment', capture: { page: { url: 'https://example.com/a/b?x=1&y=two#section-2' } } },
  {
    name: 'characters browsers leave unescaped',
    capture: { page: { url: 'https://example.com/a|b^c?q=[1]&r=%zz#frag#ment' } },
  },
  { name: 'IPv6 loopback with port', capture: { page: { url: 'http://[::1]:8080/page' } } },
  { name: 'URL over 2048 characters', capture: { page: { url: longUrl } }, refusedBy: { userplane: 'url', linkding: 'url', linkwarden: 'url' } },
  { name: 'a tag of 51 characters', capture: { tags: ['t'.repeat(51)] }, refusedBy: { linkwarden: 'tags' } },
  { name: 'a tag of 65 characters', capture: { tags: ['t'.repeat(65)] }, refusedBy: { linkding: 'tags', linkwarden: 'tags' } },
  {
    name: 'full page metadata',
    capture: {
      source: 'context-menu',
      page: {
        canonicalUrl: 'https://example.com/canonical',
        description: 'A description',
        siteName: 'Example',
        imageUrl: 'https://example.com/og.png',
        lang: 'en',
        selection: 'selected text',
        sourceUrl: 'https://example.com/list',
      },
    },
  },
  {
    name: 'every provider option set',
    capture: {
      options: {
        customSlug: 'summer-2025',
        utm: { source: 'newsletter', medium: 'email', campaign: 'launch' },
        qr: true,
        categories: ['ticketing', ' crm ', 'TICKETING'],
      },
    },
  },
  {
    name: 'provider options all blank',
    capture: { options: { customSlug: '  ', utm: { source: '', medium: ' ', campaign: '' }, qr: false, categories: ['', ' '] } },
  },
];

/** No string anywhere in the body is blank: optional values are omitted, never sent as "". */
function blankStrings(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.trim() ? [] : [path || '/'];
  if (Array.isArray(value)) return value.flatMap((item, i) => blankStrings(item, `${path}/${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => blankStrings(v, `${path}/${k}`));
  return [];
}

describe.each(providerIds)('%s request bodies', (provider) => {
  const validate = compileContract(provider, 'request');

  it.each(cases)('$name', ({ capture: overrides, refusedBy }) => {
    // The real path: the capture is built once against this destination's limits, then the flush builds the body.
    const capture = captureFor(destinations[provider], overrides);
    const refusedField = refusedBy?.[provider];
    if (refusedField) {
      expect(capture.ok).toBe(false);
      if (capture.ok) return;
      expect(capture.error.code).toBe('field-too-long');
      expect(capture.error.field).toBe(refusedField);
      expect(capture.error.details?.max).toBeTypeOf('number');
      expect(capture.error.details?.length).toBeGreaterThan(Number(capture.error.details?.max));
      return;
    }
    expect(capture.ok, capture.ok ? '' : JSON.stringify(capture.error)).toBe(true);
    if (!capture.ok) return;
    const result = buildRequestFor(capture.value, destinations[provider]);
    expect(result.ok, result.ok ? '' : JSON.stringify(result.error)).toBe(true);
    if (!result.ok) return;
    const valid = validate(result.value.body);
    expect(valid, describeErrors(validate).join('\n')).toBe(true);
    expect(blankStrings(result.value.body)).toEqual([]);
    expect(JSON.parse(JSON.stringify(result.value.body))).toEqual(result.value.body);
  });
});

describe('request contracts reject what the specs forbid', () => {
  it.each([
    ['sharely', { type: 'URL', url: 'https://example.com' }],
    ['sharely', { type: 'LINK', url: 'not a uri' }],
    ['shortpen', { url: 'https://example.com', domain_id: '3' }],
    ['shortpen', { url: 'https://example.com', domain_id: 3, notes: 'n'.repeat(301) }],
    ['shortpen', { url: 'https://example.com', domain_id: 3, param: { utm_source: 1 } }],
    ['shortpen', { url: 'https://example.com', domain_id: 3, redirect_type: 307 }],
    ['userplane', { domainId: 'd', linkReusable: false, title: 'extra field' }],
    ['userplane', { domainId: 'd', linkReusable: false, linkMeta: { title: 'x'.repeat(1025) } }],
    ['userplane', { domainId: 'd', linkReusable: false, linkReference: 'x'.repeat(2049) }],
    ['userplane', { domainId: 'd' }],
    ['poozle', { category: [{}], expiresIn: 1, linkName: 'n', workspaceId: 'w' }],
    ['poozle', { category: ['TICKETING'], linkName: 'n', workspaceId: 'w' }],
    ['link-action', { name: '', specification_id: '123e4567-e89b-12d3-a456-426614174000' }],
    ['link-action', { name: 'n', specification_id: 'not-a-uuid' }],
    ['link-action', { specification_id: '123e4567-e89b-12d3-a456-426614174000', messages: [{ level: 'info' }] }],
    ['link-action', { specification_id: '123e4567-e89b-12d3-a456-426614174000', status: 'done' }],
    ['linkding', { title: 'no url' }],
    ['linkding', { url: 'https://example.com', notes: null }],
    ['linkding', { url: 'https://example.com', tag_names: 'one,two' }],
    ['linkding', { url: 'https://example.com', tag_names: [''] }],
    ['linkding', { url: 'https://example.com', id: 3 }],
    ['linkding', { url: 'https://example.com', title: 'T'.repeat(513) }],
    ['karakeep', { url: 'https://example.com' }],
    ['karakeep', { type: 'link', url: 'ftp://example.com/file' }],
    ['karakeep', { type: 'link', url: 'https://example.com', tags: ['a'] }],
    ['karakeep', { type: 'link', url: 'https://example.com', note: null }],
    ['karakeep', { type: 'link', url: 'https://example.com', title: 'T'.repeat(1001) }],
    ['karakeep', { type: 'link', url: 'https://example.com', source: 'browser' }],
    ['linkwarden', { name: 'no url' }],
    ['linkwarden', { url: 'mailto:someone@example.com' }],
    ['linkwarden', { url: 'https://example.com', type: 'url' }],
    ['linkwarden', { url: 'https://example.com', tags: [{ name: '' }] }],
    ['linkwarden', { url: 'https://example.com', tags: [{ name: 't'.repeat(51) }] }],
    ['linkwarden', { url: 'https://example.com', collection: { id: '3' } }],
    ['linkwarden', { url: 'https://example.com', name: null }],
  ] as [ProviderId, unknown][])('%s: %j', (provider, body) => {
    expect(compileContract(provider, 'request')(body)).toBe(false);
  });
});

describe('documented answers used by the classification tests match the contracts', () => {
  const fixtures: [ProviderId, ContractKind, unknown][] = [
    ...providerIds.map((p): [ProviderId, ContractKind, unknown] => [p, 'response', successBodies[p]]),
    ['sharely', 'error', sharelyError('Bad Request', 'Missing required field: url')],
    ['sharely', 'error', sharelyError('Unauthorized', 'Invalid or missing API key')],
    ['shortpen', 'error', shortpenError(400, 'The selected domain is not active')],
    ['shortpen', 'error', shortpenError(429, 'Monthly link limit reached')],
    ['userplane', 'error', userplaneError('API_KEY_EXPIRED', 401)],
    ['userplane', 'error', userplaneError('PLAN_LIMIT_EXCEEDED', 403)],
    ['userplane', 'error', userplaneError('RATE_LIMITED', 429)],
    ['userplane', 'error', { defined: false, code: 'SOMETHING_NEW', status: 418, message: 'new' }],
    ['poozle', 'error', poozleError(400, 'workspaceId must be a string')],
    ['link-action', 'error', linkActionError(404, 'Not Found', 'Link not found', 'LINK_NOT_FOUND')],
    ['linkding', 'response', linkdingBookmark({ tag_names: ['news', 'to-read'], unread: true, notes: 'n' })],
    ['linkding', 'error', { url: ['Enter a valid URL.'] }],
    ['linkding', 'error', { tag_names: { '0': ['This field may not be blank.'] } }],
    ['linkding', 'error', { detail: 'Invalid token.' }],
    ['karakeep', 'response', karakeepBookmark({ alreadyExists: true, note: 'n', firstCreatedAt: '2026-01-01T00:00:00.000Z' })],
    ['karakeep', 'error', karakeepZodError([{ path: ['url'], message: 'Only http and https URLs are allowed' }])],
    ['linkwarden', 'response', linkwardenLink({ collectionId: 1, tags: [] })],
    ['linkwarden', 'error', { response: 'Error: Invalid URL [url]' }],
    ['linkwarden', 'error', { response: 'Link already exists' }],
  ];

  it.each(fixtures)('%s %s fixture %#', (provider, kind, body) => {
    const validate = compileContract(provider, kind);
    expect(validate(body), describeErrors(validate).join('\n')).toBe(true);
  });

  it('the Userplane error contract ties each documented code to its status', () => {
    expect(compileContract('userplane', 'error')(userplaneError('API_KEY_EXPIRED', 403))).toBe(false);
  });

  it('loadContract returns the parsed schema', () => {
    expect(loadContract('userplane', 'request')).toMatchObject({ additionalProperties: false, required: ['domainId', 'linkReusable'] });
  });
});
