// The options form's raw strings → a validated destination, every field checked by its kind, and back.
import { describe, expect, it } from 'vitest';
import { destinationToForm, parseDestinationForm } from '../../lib/destination-form';
import { UUID_A, UUID_B } from '../contracts/fixtures';

const base = { id: 'd1', name: ' My workspace ', baseUrl: '', apiKey: ' key ' };

describe('parseDestinationForm', () => {
  it('builds a Sharely destination with the default base URL and trimmed values', () => {
    expect(parseDestinationForm('sharely', { ...base, workspaceId: ` ${UUID_A} ` })).toEqual({
      ok: true,
      value: { id: 'd1', name: 'My workspace', baseUrl: 'https://api.sharely.ai', apiKey: 'key', provider: 'sharely', workspaceId: UUID_A },
    });
  });

  it('reports every bad common field at once', () => {
    const result = parseDestinationForm('sharely', { id: '', name: 'n'.repeat(81), baseUrl: 'http://api.example.com', apiKey: '', workspaceId: 'nope' });
    expect(result).toEqual({
      ok: false,
      errors: {
        id: { code: 'required' },
        name: { code: 'too-long', max: 80 },
        baseUrl: { code: 'insecure-url' },
        apiKey: { code: 'required' },
        workspaceId: { code: 'uuid' },
      },
    });
  });

  it('rejects a base URL that is not a URL, and accepts http on 127.0.0.1', () => {
    expect(parseDestinationForm('sharely', { ...base, baseUrl: 'not a url', workspaceId: UUID_A })).toEqual({ ok: false, errors: { baseUrl: { code: 'url' } } });
    const local = parseDestinationForm('sharely', { ...base, baseUrl: 'http://127.0.0.1:8787/prefix/', workspaceId: UUID_A });
    expect(local.ok && local.value.baseUrl).toBe('http://127.0.0.1:8787/prefix');
  });

  it('requires a base URL where the spec names no host', () => {
    const result = parseDestinationForm('poozle', { ...base, workspaceId: 'w', categories: 'TICKETING' });
    expect(result).toEqual({ ok: false, errors: { baseUrl: { code: 'required' } } });
  });

  it('converts ShortPen integers and integer lists, leaving blank optionals absent', () => {
    const result = parseDestinationForm('shortpen', { ...base, domainId: ' 3 ', workspaceId: '', folderId: '', tagIds: '12, 18,12' });
    expect(result).toEqual({
      ok: true,
      value: { id: 'd1', name: 'My workspace', baseUrl: 'https://api.shortpen.com', apiKey: 'key', provider: 'shortpen', domainId: 3, tagIds: [12, 18] },
    });
    if (result.ok) expect(result.value).not.toHaveProperty('workspaceId');
  });

  it('names ShortPen integer problems per field', () => {
    expect(parseDestinationForm('shortpen', { ...base, domainId: '', workspaceId: '2.5', folderId: '-1', tagIds: '12, x' })).toEqual({
      ok: false,
      errors: { domainId: { code: 'required' }, workspaceId: { code: 'integer' }, folderId: { code: 'integer' }, tagIds: { code: 'integer-list' } },
    });
  });

  it('reads the Userplane checkbox as a boolean, off by default', () => {
    const raw = { ...base, apiKey: 'uspl_1', workspaceId: 'ws', domainId: 'dom', projectId: ' ' };
    const off = parseDestinationForm('userplane', raw);
    expect(off.ok && off.value).toMatchObject({ provider: 'userplane', linkReusable: false, baseUrl: 'https://api.userplane.io/api/v1' });
    expect(off.ok && off.value).not.toHaveProperty('projectId');
    const on = parseDestinationForm('userplane', { ...raw, linkReusable: true, projectId: 'prj' });
    expect(on.ok && on.value).toMatchObject({ linkReusable: true, projectId: 'prj' });
  });

  it('Userplane: a key without uspl_ is accepted here (the warning comes from settingsWarnings)', () => {
    expect(parseDestinationForm('userplane', { ...base, workspaceId: 'ws', domainId: 'dom' }).ok).toBe(true);
  });

  it('Poozle: categories upper-cased and unique, expiry defaulted, key optional', () => {
    const result = parseDestinationForm('poozle', { ...base, apiKey: '', baseUrl: 'https://poozle.example.com', workspaceId: 'w', categories: 'ticketing, Documentation, TICKETING', expiresIn: '' });
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'd1',
        name: 'My workspace',
        baseUrl: 'https://poozle.example.com',
        apiKey: '',
        provider: 'poozle',
        workspaceId: 'w',
        categories: ['TICKETING', 'DOCUMENTATION'],
        expiresIn: 604800,
      },
    });
  });

  it('Poozle: no categories is required, an expiry of 0 is invalid', () => {
    expect(parseDestinationForm('poozle', { ...base, baseUrl: 'https://p.example.com', workspaceId: 'w', categories: ' , ', expiresIn: '0' })).toEqual({
      ok: false,
      errors: { categories: { code: 'required' } },
    });
    expect(parseDestinationForm('poozle', { ...base, baseUrl: 'https://p.example.com', workspaceId: 'w', categories: 'CRM', expiresIn: '0' })).toEqual({
      ok: false,
      errors: { expiresIn: { code: 'invalid' } },
    });
  });

  it('Link action: UUIDs checked, service id optional', () => {
    const raw = { ...base, apiKey: '', baseUrl: 'https://a.example.com', linkId: 'l1', specificationId: UUID_B, serviceId: '' };
    const result = parseDestinationForm('link-action', raw);
    expect(result.ok && result.value).toEqual({ id: 'd1', name: 'My workspace', baseUrl: 'https://a.example.com', apiKey: '', provider: 'link-action', linkId: 'l1', specificationId: UUID_B });
    expect(parseDestinationForm('link-action', { ...raw, linkId: ' ', specificationId: 'x', serviceId: 'y' })).toEqual({
      ok: false,
      errors: { linkId: { code: 'required' }, specificationId: { code: 'uuid' }, serviceId: { code: 'uuid' } },
    });
  });
});

describe('destinationToForm', () => {
  it('round-trips every provider through the form', () => {
    const raws = [
      ['sharely', { ...base, workspaceId: UUID_A }],
      ['shortpen', { ...base, domainId: '3', workspaceId: '24', folderId: '', tagIds: '12, 18' }],
      ['userplane', { ...base, workspaceId: 'ws', domainId: 'dom', projectId: 'p', linkReusable: true }],
      ['poozle', { ...base, baseUrl: 'https://p.example.com', workspaceId: 'w', categories: 'CRM, HRIS', expiresIn: '60', integrationDefinitionId: '' }],
      ['link-action', { ...base, baseUrl: 'https://a.example.com', linkId: 'l1', specificationId: UUID_B, serviceId: UUID_A }],
    ] as const;
    for (const [provider, raw] of raws) {
      const first = parseDestinationForm(provider, raw);
      if (!first.ok) throw new Error(`${provider}: ${JSON.stringify(first.errors)}`);
      const form = destinationToForm(first.value);
      expect(form.provider).toBe(provider);
      expect(parseDestinationForm(provider, form, first.value.apiKey)).toEqual(first);
    }
  });

  it('shows absent optionals as empty boxes and lists as comma-separated text', () => {
    const parsed = parseDestinationForm('shortpen', { ...base, domainId: '3', tagIds: '12,18' });
    if (!parsed.ok) throw new Error('unexpected');
    expect(destinationToForm(parsed.value)).toEqual({
      id: 'd1',
      provider: 'shortpen',
      name: 'My workspace',
      baseUrl: 'https://api.shortpen.com',
      apiKey: '',
      keySaved: true,
      domainId: '3',
      workspaceId: '',
      folderId: '',
      tagIds: '12, 18',
    });
  });

  it('never carries the stored key, only whether one is saved', () => {
    const parsed = parseDestinationForm('sharely', { ...base, apiKey: 'sk_do_not_show_123', workspaceId: UUID_A });
    if (!parsed.ok) throw new Error('unexpected');
    const form = destinationToForm(parsed.value);
    expect(JSON.stringify(form)).not.toContain('sk_do_not_show_123');
    expect(form).toMatchObject({ apiKey: '', keySaved: true });
    expect(destinationToForm({ ...parsed.value, apiKey: '' }).keySaved).toBe(false);
  });
});

describe('the key of a destination being edited', () => {
  it('is kept when the key field is blank, and replaced by a typed one', () => {
    const raw = { ...base, apiKey: '  ', workspaceId: UUID_A };
    expect(parseDestinationForm('sharely', raw, 'sk_stored')).toMatchObject({ ok: true, value: { apiKey: 'sk_stored' } });
    expect(parseDestinationForm('sharely', { ...raw, apiKey: 'sk_new' }, 'sk_stored')).toMatchObject({ ok: true, value: { apiKey: 'sk_new' } });
    expect(parseDestinationForm('sharely', raw)).toEqual({ ok: false, errors: { apiKey: { code: 'required' } } });
  });
});

describe('provider ids that would change the request path', () => {
  it.each(['..', '.', 'a/b', 'a\\b', 'w?x=1', 'w#top'])('a Userplane workspace id of %j is rejected at its field', (workspaceId) => {
    expect(parseDestinationForm('userplane', { ...base, workspaceId, domainId: 'dom' })).toEqual({ ok: false, errors: { workspaceId: { code: 'path-id' } } });
  });

  it('a Link action link id and a Poozle workspace id of ".." are rejected too', () => {
    expect(parseDestinationForm('link-action', { ...base, baseUrl: 'https://actions.example.com', linkId: '..', specificationId: UUID_A })).toEqual({ ok: false, errors: { linkId: { code: 'path-id' } } });
    expect(parseDestinationForm('poozle', { ...base, baseUrl: 'https://api.poozle.dev', workspaceId: '..', categories: 'TICKETING' })).toEqual({
      ok: false,
      errors: { workspaceId: { code: 'path-id' } },
    });
  });
});
