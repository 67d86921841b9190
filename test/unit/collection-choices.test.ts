// The options page's "Choose collection" op: which key goes where (typed, or the saved one only for its own origin),
// the permission asked inside the click, and what the user is told when the list cannot be had.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { destinationsItem } from '../../lib/platform/storage';
import { optionsOpsDeps, readyOptionsOps } from './options-ops';

const SAVED = { id: 'lw', provider: 'linkwarden', name: 'Archive', baseUrl: 'https://links.example.org', apiKey: 'eyJ.saved' };
const collectionsAnswer = () => new Response(JSON.stringify({ response: [{ id: 3, name: 'Reading', parentId: null }] }), { status: 200, headers: { 'content-type': 'application/json' } });

beforeEach(async () => {
  fakeBrowser.reset();
  await destinationsItem.setValue([SAVED]);
});

describe('collectionChoices', () => {
  it('an edit with the key left blank uses the saved key, at the saved origin', async () => {
    const deps = optionsOpsDeps();
    deps.fetch.mockImplementation(() => Promise.resolve(collectionsAnswer()));
    const ops = await readyOptionsOps(deps);
    expect(await ops.collectionChoices({ id: 'lw', baseUrl: 'https://links.example.org', apiKey: '' })).toEqual({ ok: true, choices: [{ id: 3, label: 'Reading' }] });
    expect(deps.requestPermission).toHaveBeenCalledWith('https://links.example.org');
    const [url, init] = deps.fetch.mock.calls[0]!;
    expect(url).toBe('https://links.example.org/api/v1/collections');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer eyJ.saved');
  });

  it('never sends the saved key to an origin the user just typed in: it asks for a key instead', async () => {
    const deps = optionsOpsDeps();
    const ops = await readyOptionsOps(deps);
    expect(await ops.collectionChoices({ id: 'lw', baseUrl: 'https://other.example.org', apiKey: '' })).toEqual({ ok: false, text: 'Enter the API key first.' });
    expect(deps.fetch).not.toHaveBeenCalled();
    expect(deps.requestPermission).not.toHaveBeenCalled();
  });

  it('asks for the permission in the click, and sends nothing when it is refused', async () => {
    const deps = optionsOpsDeps();
    deps.requestPermission.mockResolvedValue(false);
    const ops = await readyOptionsOps(deps);
    const answer = ops.collectionChoices({ baseUrl: 'https://new.example.org', apiKey: 'eyJ.typed' });
    // Called before any await: Chrome allows the prompt only inside the user's gesture.
    expect(deps.requestPermission).toHaveBeenCalledWith('https://new.example.org');
    expect(await answer).toEqual({ ok: false, text: 'Keeplink may not contact https://new.example.org: allow it when the browser asks, then press Choose collection again.' });
    expect(deps.fetch).not.toHaveBeenCalled();
  });

  it('names a wrong key, and a base URL it cannot use', async () => {
    const deps = optionsOpsDeps();
    deps.fetch.mockImplementation(() => Promise.resolve(new Response(JSON.stringify({ response: 'You must be logged in.' }), { status: 401, headers: { 'content-type': 'application/json' } })));
    const ops = await readyOptionsOps(deps);
    expect(await ops.collectionChoices({ baseUrl: 'https://links.example.org', apiKey: 'eyJ.wrong' })).toEqual({
      ok: false,
      text: 'The API key is wrong: https://links.example.org refused it (HTTP 401). Paste the right key into this destination and check again.',
    });
    expect(await ops.collectionChoices({ baseUrl: 'not a url', apiKey: 'k' })).toEqual({ ok: false, text: 'Enter a valid API base URL first.' });
  });
});
