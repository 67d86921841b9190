// Issue 13 in real Chromium: a JSON webhook with its own template and secret header, and wallabag behind OAuth2 tokens
// (one sign-in, a refresh when the access token expires, and a refused refresh), each configured in Options and fed from the popup.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { compileContract } from '../contracts/schemas';
import type { ChromeApi } from './harness/launch';
import { SANDBOX_IDS } from '../sandbox/server';
import { addDestination, destinationIds, sandboxApi, sandboxForm, useExtension, waitFor, waitForStatus, type KeeplinkTestHooks, type SandboxHandle } from './support';

declare const chrome: ChromeApi;

/** The default template's fields, with the note inside longer text and the tags bare: still the default contract. */
const TEMPLATE = `{"url": "{{url}}", "title": "{{title}}", "note": "Saved: {{note}}", "tags": {{tags}},
 "selection": "{{selection}}", "capturedAt": "{{capturedAt}}", "source": "{{source}}"}`;

describe('JSON webhook', () => {
  const env = useExtension();

  async function savePage(slug: string, name: string, fill?: (popup: Page) => Promise<void>) {
    const page = await env.harness.context.newPage();
    const url = `${env.servers.pages.url}/page/${slug}.html`;
    await page.goto(url);
    const popup = await env.harness.popupPageFor(await env.harness.tabIdOf(page));
    await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: name });
    await fill?.(popup);
    await popup.getByRole('button', { name: 'Save' }).click();
    return { page, popup, url };
  }

  it('a template, PUT and a secret header: one contract-valid request, the secret checked, Saved in the popup', async () => {
    const sandbox = sandboxApi(env.servers.sandbox);
    await sandbox.reset();
    const options = await env.harness.openExtensionPage('options.html');
    await options.getByRole('button', { name: 'Add destination' }).click();
    await options.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'JSON webhook' });
    // A placeholder Keeplink does not know is refused at the field before anything is stored.
    await options.getByRole('textbox', { name: 'Name', exact: true }).fill('Team hook');
    for (const [label, value] of Object.entries(sandboxForm(env.servers.sandbox, 'webhook'))) {
      await options.getByRole('textbox', { name: label, exact: true }).fill(value);
    }
    await options.getByRole('textbox', { name: 'Body template' }).fill('{"title": "{{pageTitle}}"}');
    await options.getByRole('button', { name: 'Save destination' }).click();
    await options.getByText('Body template uses {{pageTitle}}, which is not a placeholder Keeplink knows.').waitFor();

    await options.getByRole('textbox', { name: 'Body template' }).fill(TEMPLATE);
    await options.getByRole('combobox', { name: 'Method' }).selectOption('PUT');
    await options.getByRole('textbox', { name: 'Extra headers' }).fill('X-Team: research');
    await options.getByRole('button', { name: 'Save destination' }).click();
    await options.getByRole('listitem', { name: 'Team hook' }).waitFor();

    // The edit form never holds the secret: it offers to replace it.
    await options.getByRole('listitem', { name: 'Team hook' }).getByRole('button', { name: 'Edit' }).click();
    await options.getByRole('button', { name: 'Replace key' }).waitFor();
    expect(await options.content()).not.toContain('whsec_sandbox_0001');
    await options.getByRole('button', { name: 'Cancel' }).click();

    const { popup, page, url } = await savePage('webhook-1', 'Team hook', async (p) => {
      await p.getByRole('textbox', { name: 'Note' }).fill('He said "hi" \\ then left');
    });
    await waitForStatus(popup, 'Saved');
    const requests = await sandbox.requests('webhook');
    expect(requests).toHaveLength(1);
    const [request] = requests as (typeof requests[number] & { method: string; authOk: boolean; headers: Record<string, string> })[];
    const validate = compileContract('webhook', 'request');
    expect(validate(request!.body), JSON.stringify(validate.errors)).toBe(true);
    expect(request).toMatchObject({ method: 'PUT', valid: true, authOk: true, status: 200 });
    expect(request!.headers['x-team']).toBe('research');
    expect(request!.headers['x-webhook-secret']).toBe('***');
    expect(request!.body).toMatchObject({ url, note: 'Saved: He said "hi" \\ then left', source: 'popup' });
    await popup.close();
    await page.close();
  });

  it('answers the sandbox is told to give: 401 pauses, 422 fails', async () => {
    const sandbox = sandboxApi(env.servers.sandbox);
    await sandbox.reset();
    await sandbox.fault({ provider: 'webhook', mode: 'status', status: 401, count: 1, message: 'Bad secret' });
    const paused = await savePage('webhook-2', 'Team hook');
    const text = await waitForStatus(paused.popup, 'Paused');
    expect(text).toContain('Bad secret');
    await paused.popup.close();
    await paused.page.close();

    // Retry from Options delivers the paused capture once the webhook accepts again.
    const options = await env.harness.openExtensionPage('options.html');
    const item = options.getByRole('listitem', { name: 'Team hook' });
    await item.getByRole('button', { name: 'Retry' }).click();
    await waitFor('the paused capture to be delivered', async () => (await sandbox.requests('webhook')).some((r) => r.status === 200));

    await sandbox.fault({ provider: 'webhook', mode: 'status', status: 422, count: 1, message: 'Unwanted' });
    const failed = await savePage('webhook-3', 'Team hook');
    expect(await waitForStatus(failed.popup, 'Failed')).toContain('Unwanted');
    await failed.popup.close();
    await failed.page.close();
  });

  it('Check connection sends a HEAD to the origin and creates nothing', async () => {
    const sandbox = sandboxApi(env.servers.sandbox);
    await sandbox.reset();
    const options = await env.harness.openExtensionPage('options.html');
    const item = options.getByRole('listitem', { name: 'Team hook' });
    await item.getByRole('button', { name: 'Check connection' }).click();
    await item.getByText('Connection OK', { exact: false }).waitFor();
    expect(await sandbox.requests()).toEqual([]);
  });
});

describe('wallabag', () => {
  const env = useExtension();

  const wallabagControl = async (sandbox: SandboxHandle, body?: Record<string, boolean>) => {
    const response = await fetch(`${sandbox.url}/__sandbox/wallabag`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
    return (await response.json()) as { tokenCalls: { grant: string; status: number }[] };
  };

  async function savePage(slug: string) {
    const page = await env.harness.context.newPage();
    const url = `${env.servers.pages.url}/page/${slug}.html`;
    await page.goto(url);
    const popup = await env.harness.popupPageFor(await env.harness.tabIdOf(page));
    await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: 'Reading' });
    await popup.getByRole('button', { name: 'Save' }).click();
    return { page, popup, url };
  }

  it('signs in once without storing the password, then one contract-valid entry with its id in the popup', async () => {
    const sandbox = sandboxApi(env.servers.sandbox);
    await sandbox.reset();
    const options = await env.harness.openExtensionPage('options.html');
    await addDestination(options, 'wallabag', 'Reading', sandboxForm(env.servers.sandbox, 'wallabag'));
    await options.getByText('Signed in to wallabag for Reading. Your password was not stored.').waitFor();
    const stored = await env.harness.evalInExtension(async () => JSON.stringify(await chrome.storage.local.get(null)));
    expect(stored).not.toContain(SANDBOX_IDS.wallabag.password);
    expect(stored).toContain('wb_access_1');
    expect(stored).toContain('"token:');
    expect((await wallabagControl(env.servers.sandbox)).tokenCalls).toEqual([{ grant: 'password', status: 200 }]);

    const { popup, page, url } = await savePage('wallabag-1');
    const text = await waitForStatus(popup, 'Saved');
    const requests = await sandbox.requests('wallabag');
    expect(requests).toHaveLength(1);
    const validate = compileContract('wallabag', 'request');
    expect(validate(requests[0]!.body), JSON.stringify(validate.errors)).toBe(true);
    expect(requests[0]).toMatchObject({ valid: true, status: 200, body: { url } });
    expect(text).toContain(`entry ${requests[0]!.createdId}`);
    await popup.close();
    await page.close();
  });

  it('an expired access token is refreshed once, and the capture is sent again once', async () => {
    const sandbox = sandboxApi(env.servers.sandbox);
    await wallabagControl(env.servers.sandbox, { expireAccessTokens: true });
    const before = (await sandbox.requests('wallabag')).length;
    const { popup, page, url } = await savePage('wallabag-2');
    await waitForStatus(popup, 'Saved');
    const mine = (await sandbox.requests('wallabag')).slice(before);
    // The 401 created nothing; the resend after the one refresh created the entry.
    expect(mine.map((r) => r.status)).toEqual([401, 200]);
    expect(mine.filter((r) => r.createdId)).toHaveLength(1);
    expect(mine.every((r) => (r.body as { url?: string }).url === url)).toBe(true);
    expect((await wallabagControl(env.servers.sandbox)).tokenCalls.filter((c) => c.grant === 'refresh_token')).toEqual([{ grant: 'refresh_token', status: 200 }]);
    await popup.close();
    await page.close();
  });

  it('a refresh mid-queue: four queued captures, one refresh, each entry created once and nothing lost', async () => {
    const sandbox = sandboxApi(env.servers.sandbox);
    const destinationId = (await destinationIds(env.harness)).Reading!;
    const refreshesBefore = (await wallabagControl(env.servers.sandbox)).tokenCalls.filter((c) => c.grant === 'refresh_token').length;
    await wallabagControl(env.servers.sandbox, { expireAccessTokens: true });
    const urls = [1, 2, 3, 4].map((n) => `${env.servers.pages.url}/page/wallabag-queue-${n}.html`);
    const worker = await env.harness.worker();
    await worker.evaluate(
      async ({ urls, destinationId }) => {
        const hooks = (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest;
        await hooks.enqueueMany(urls.map((url, i) => ({ page: { url, title: `Queued ${i + 1}` }, source: 'bulk', destinationId })));
      },
      { urls, destinationId },
    );
    const created = await waitFor('all four entries', async () => {
      const mine = (await sandbox.requests('wallabag')).filter((r) => urls.includes(String((r.body as { url?: string }).url)) && r.createdId);
      return mine.length >= 4 ? mine : undefined;
    });
    expect(new Set(created.map((r) => (r.body as { url: string }).url)).size).toBe(4);
    expect(created).toHaveLength(4);
    const refreshes = (await wallabagControl(env.servers.sandbox)).tokenCalls.filter((c) => c.grant === 'refresh_token');
    expect(refreshes.length - refreshesBefore).toBe(1);
    expect(refreshes.every((c) => c.status === 200)).toBe(true);
  });

  it('a refused refresh pauses the destination with "Sign in to wallabag again", and signing in delivers the capture', async () => {
    const sandbox = sandboxApi(env.servers.sandbox);
    await wallabagControl(env.servers.sandbox, { expireAccessTokens: true, revokeRefreshTokens: true });
    const { popup, page } = await savePage('wallabag-3');
    expect(await waitForStatus(popup, 'Paused')).toContain('Sign in to wallabag again');

    const options = await env.harness.openExtensionPage('options.html');
    const item = options.getByRole('listitem', { name: 'Reading' });
    await waitFor('the pause in Options', async () => (await item.textContent())?.includes('Sign in to wallabag again'));
    await item.getByRole('button', { name: 'Edit' }).click();
    await options.getByRole('textbox', { name: 'Password', exact: true }).fill(SANDBOX_IDS.wallabag.password);
    await options.getByRole('button', { name: 'Save destination' }).click();
    await options.getByText('Signed in to wallabag for Reading.', { exact: false }).waitFor();
    await waitForStatus(popup, 'Saved');
    const created = (await sandbox.requests('wallabag')).filter((r) => r.createdId && (r.body as { url?: string }).url?.endsWith('wallabag-3.html'));
    expect(created).toHaveLength(1);
    await popup.close();
    await page.close();
  });
});
