// Issue 13's new destinations, stated once and run in every browser: linkding, Karakeep and wallabag configured in
// Options, a page saved from the popup (one contract-valid request, the result shown), and each one's answer to a URL
// it already has. self-hosted-shared.e2e.ts runs them in Chromium, self-hosted.firefox.ts in Firefox ESR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../lib/providers/types';
import { compileContract } from '../../contracts/schemas';
import { sandboxApi, sandboxForm, startServers, type SandboxRequest } from '../support';
import type { E2EDriver, UiPage } from './driver';
import { pollFor } from './poll';
import { clickControl, control, fillControl, selectByLabel, statusText } from './ui';

/** What the sandbox lists of a request, with the headers it saw (keys masked). */
type Listed = SandboxRequest & { headers: Record<string, string> };

export function selfHostedScenarios(launch: () => Promise<E2EDriver>): void {
  describe('self-hosted destinations', () => {
    let servers: Awaited<ReturnType<typeof startServers>>;
    let sandbox: ReturnType<typeof sandboxApi>;
    let driver: E2EDriver;
    let options: UiPage | undefined;

    beforeAll(async () => {
      servers = await startServers();
      sandbox = sandboxApi(servers.sandbox);
      driver = await launch();
    });
    afterAll(async () => {
      await driver?.close();
      await servers?.close();
    });

    const requests = async (provider: ProviderId) => (await sandbox.requests(provider)) as Listed[];

    /** Add destination → service → its fields → Save, as a person does; resolves once the list shows it. */
    async function configure(service: string, provider: ProviderId, name: string): Promise<void> {
      options ??= await driver.openExtensionPage('options.html');
      await clickControl(options, 'button', 'Add destination');
      await selectByLabel(options, 'Service', service);
      await fillControl(options, 'Name', name);
      for (const [label, value] of Object.entries(sandboxForm(servers.sandbox, provider))) await fillControl(options, label, value);
      await clickControl(options, 'button', 'Save destination');
      await control(options, 'listitem', name);
    }

    /** The popup for a fresh tab on /page/<slug>.html, saved to `destination`; returns the popup's final sentence. */
    async function saveFromPopup(destination: string, slug: string, fill: { note?: string; tags?: string } = {}) {
      const tab = await driver.openWebPage(`${servers.pages.url}/page/${slug}.html`);
      const popup = await driver.openExtensionPage(`popup.html?tabId=${tab.tabId}`);
      const title = await control(popup, 'textbox', 'Title');
      await pollFor('the popup to fill in the tab title', () => popup.evaluate((s) => document.querySelector<HTMLInputElement>(s)?.value, title));
      await selectByLabel(popup, 'Destination', destination);
      if (fill.note !== undefined) await fillControl(popup, 'Note', fill.note);
      if (fill.tags !== undefined) await fillControl(popup, 'Tags', fill.tags);
      await clickControl(popup, 'button', 'Save');
      const status = await pollFor('the popup to say what happened', async () => {
        const text = await statusText(popup);
        return /^(Saved|Already in|Paused|Failed)/.test(text) ? text : undefined;
      });
      await popup.close();
      await tab.page.close();
      return { url: tab.url, status };
    }

    function expectContractValid(provider: ProviderId, body: unknown): void {
      const validate = compileContract(provider, 'request');
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }

    it('linkding: configured in Options, one contract-valid Token request from the popup, and the bookmark id shown', async () => {
      await sandbox.reset();
      await configure('linkding', 'linkding', 'Bookmarks');
      const { url, status } = await saveFromPopup('Bookmarks', 'shared-linkding', { note: 'read on the train', tags: 'research, to-read' });
      const sent = await requests('linkding');
      expect(sent).toHaveLength(1);
      expectContractValid('linkding', sent[0]!.body);
      expect(sent[0]).toMatchObject({ valid: true, status: 201, createdId: '1', headers: { authorization: 'Token ***' } });
      expect(sent[0]!.body).toMatchObject({ url, notes: 'read on the train', tag_names: ['research', 'to-read'] });
      expect(status).toBe('Saved to Bookmarks — bookmark id 1');
    });

    it('linkding: a URL it already has updates that bookmark, and the popup says so', async () => {
      const { url, status } = await saveFromPopup('Bookmarks', 'shared-linkding', { note: 'second thoughts', tags: 'keep' });
      expect(status).toBe('Already in linkding — updated its tags and note');
      const sent = await requests('linkding');
      expect(sent).toHaveLength(2);
      expectContractValid('linkding', sent[1]!.body);
      expect(sent[1]).toMatchObject({ valid: true, status: 201, createdId: '1', body: expect.objectContaining({ url, notes: 'second thoughts', tag_names: ['keep'] }) });
    });

    it('Karakeep: configured in Options, one contract-valid Bearer request from the popup, and the bookmark id shown', async () => {
      await sandbox.reset();
      await configure('Karakeep', 'karakeep', 'Keep');
      const { url, status } = await saveFromPopup('Keep', 'shared-karakeep', { note: 'for the weekend' });
      const sent = await requests('karakeep');
      expect(sent).toHaveLength(1);
      expectContractValid('karakeep', sent[0]!.body);
      expect(sent[0]).toMatchObject({ valid: true, status: 201, headers: { authorization: 'Bearer ***' } });
      expect(sent[0]!.body).toMatchObject({ type: 'link', url, note: 'for the weekend' });
      expect(status).toBe(`Saved to Keep — bookmark id ${sent[0]!.createdId}`);
    });

    it('Karakeep: a URL it already has answers 200 alreadyExists, and the popup says it kept that bookmark', async () => {
      const { status } = await saveFromPopup('Keep', 'shared-karakeep');
      expect(status).toBe('Already in Karakeep — moved it back to the top; its tags are unchanged');
      const sent = await requests('karakeep');
      expect(sent).toHaveLength(2);
      expect(sent[1]).toMatchObject({ valid: true, status: 200, createdId: sent[0]!.createdId });
    });

    it('wallabag: a URL it already has keeps that entry and adds the tags, and the popup says so', async () => {
      await sandbox.reset();
      await configure('wallabag', 'wallabag', 'Reading');
      const first = await saveFromPopup('Reading', 'shared-wallabag', { tags: 'news' });
      const [created] = await requests('wallabag');
      expect(first.status).toBe(`Saved to Reading — entry ${created!.createdId}`);
      const again = await saveFromPopup('Reading', 'shared-wallabag', { tags: 'later' });
      expect(again.status).toBe('Already in wallabag — kept that entry and added the new tags to it');
      const sent = await requests('wallabag');
      expect(sent).toHaveLength(2);
      for (const request of sent) expectContractValid('wallabag', request.body);
      expect(sent.map((r) => [r.status, r.createdId, r.body['tags']])).toEqual([
        [200, created!.createdId, 'news'],
        [200, created!.createdId, 'later'],
      ]);
    });
  });
}
