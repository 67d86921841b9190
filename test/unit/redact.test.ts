// The one redaction: a key a server echoes back is masked in every text it sent, and in every path that shows or stores it.
import { describe, expect, it } from 'vitest';
import { sendTestLink, type CheckDeps } from '../../lib/destination-checks';
import { keeplinkError } from '../../lib/errors';
import { KEY_MASK, redactError, redactOutcome, redactText } from '../../lib/redact';
import { destinations, sharelyError, UUID_C } from '../contracts/fixtures';

const KEY = 'sk_live_0123456789abcdef';

describe('redactText', () => {
  it('masks every copy of the key, raw or URL-encoded', () => {
    expect(redactText(`key ${KEY} refused; Bearer ${KEY}`, KEY)).toBe(`key ${KEY_MASK} refused; Bearer ${KEY_MASK}`);
    expect(redactText('token=a%2Fb%2Bc%3D%3D', 'a/b+c==')).toBe(`token=${KEY_MASK}`);
  });

  it('masks a key cut off at the end of a shortened message', () => {
    expect(redactText(`rejected: ${KEY.slice(0, 10)}`, KEY)).toBe(`rejected: ${KEY_MASK}`);
  });

  it('leaves text alone when the key is blank or too short to tell apart from words', () => {
    expect(redactText('abc is fine', 'abc')).toBe('abc is fine');
    expect(redactText('nothing here', '  ')).toBe('nothing here');
  });
});

describe('redactOutcome', () => {
  it('masks the error message, the server code and string details', () => {
    const error = keeplinkError('auth-invalid', { serverMessage: `bad ${KEY}`, serverCode: KEY, details: { hint: `use ${KEY}`, count: 2 } });
    expect(redactError(error, KEY)).toMatchObject({ serverMessage: `bad ${KEY_MASK}`, serverCode: KEY_MASK, details: { hint: `use ${KEY_MASK}`, count: 2 } });
    expect(JSON.stringify(redactOutcome({ kind: 'paused', error }, KEY))).not.toContain(KEY.slice(0, 8));
  });

  it('masks what a delivery returned: id, link, extra facts and the warning', () => {
    const outcome = redactOutcome(
      { kind: 'synced', result: { id: KEY, link: `https://s.example/?k=${KEY}`, extra: { slug: KEY } }, warning: keeplinkError('malformed-response', { serverMessage: KEY }) },
      KEY,
    );
    expect(JSON.stringify(outcome)).not.toContain(KEY);
    expect(outcome).toMatchObject({ result: { id: KEY_MASK, link: `https://s.example/?k=${KEY_MASK}` } });
  });
});

const destination = { ...destinations.sharely, apiKey: KEY };
const answering = (status: number, body: unknown): CheckDeps => ({
  hasPermission: () => Promise.resolve(true),
  fetch: () => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  timeoutMs: 1_000,
  uuid: () => UUID_C,
  now: () => 1_700_000_000_000,
});

describe('the options page checks', () => {
  it('"Send test link" masks a key the server echoes in its error', async () => {
    const outcome = await sendTestLink(destination, answering(401, sharelyError('unauthorized', `API key ${KEY} is not valid`)));
    expect(outcome.kind).not.toBe('synced');
    expect(JSON.stringify(outcome)).not.toContain(KEY);
    expect(outcome).toMatchObject({ error: { serverMessage: `API key ${KEY_MASK} is not valid` } });
  });
});
