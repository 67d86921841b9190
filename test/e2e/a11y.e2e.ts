// Issue 5's accessibility bar in real Chromium: axe-core finds no serious or critical violation in the popup
// (ready, after a save with its result and QR code, History) or the options page (list, add form), light and dark.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result as AxeRule } from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type Harness } from './harness/launch';
import { addDestination, openTestPage, sandboxForm, startServers, waitForStatus, showMoreOptions } from './support';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

interface AxeReport {
  blocking: string[];
  others: string[];
}

const describeRule = (rule: AxeRule) =>
  `${rule.impact ?? 'unknown'} ${rule.id}: ${rule.help} — ${rule.nodes.map((node) => node.target.join(' ')).join(', ')}`;

/** Runs axe-core in the page. Injected through CDP evaluation: the extension's CSP forbids inline script tags. */
async function runAxe(page: Page, label: string): Promise<AxeReport> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  const blocking = results.violations.filter((rule) => BLOCKING.has(rule.impact ?? '')).map(describeRule);
  const others = results.violations.filter((rule) => !BLOCKING.has(rule.impact ?? '')).map(describeRule);
  if (others.length) console.log(`axe (${label}), not blocking:\n  ${others.join('\n  ')}`);
  return { blocking, others };
}

/** Runs axe in light and in dark mode (the theme follows the system); returns the blocking violations by state. */
async function blockingViolations(page: Page, label: string): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { blocking } = await runAxe(page, `${label}, ${colorScheme}`);
    if (blocking.length) found[`${label} (${colorScheme})`] = blocking;
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}

describe('accessibility (axe-core)', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;
  let options: Page;

  beforeAll(async () => {
    servers = await startServers();
    harness = await launchExtension({ grantOrigins: ['http://127.0.0.1/*'] });
    options = await harness.openExtensionPage('options.html');
    await addDestination(options, 'sharely', 'Team KB', sandboxForm(servers.sandbox, 'sharely'));
    await addDestination(options, 'shortpen', 'Short links', sandboxForm(servers.sandbox, 'shortpen'));
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  it('finds the axe-core engine able to fail: an unlabeled field is a critical violation', async () => {
    const page = await harness.context.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>Probe</title><main><input type="text"></main></html>');
    const report = await runAxe(page, 'probe');
    expect(report.blocking.join('\n')).toMatch(/critical label/);
    await page.close();
  });

  it('options: the destination list, the open add form, and the edit form with a saved key', async () => {
    await options.getByRole('listitem', { name: 'Short links' }).waitFor();
    const found = await blockingViolations(options, 'options list');
    await options.getByRole('button', { name: 'Add destination' }).click();
    await options.getByRole('combobox', { name: 'Service' }).waitFor();
    Object.assign(found, await blockingViolations(options, 'options add form'));
    await options.getByRole('button', { name: 'Cancel' }).click();
    // Editing: a saved key is a labelled group with "Replace key", then an empty key field.
    await options.getByRole('listitem', { name: 'Short links' }).getByRole('button', { name: 'Edit' }).click();
    await options.getByRole('button', { name: 'Replace key' }).waitFor();
    Object.assign(found, await blockingViolations(options, 'options edit form'));
    await options.getByRole('button', { name: 'Replace key' }).click();
    Object.assign(found, await blockingViolations(options, 'options edit form, replacing the key'));
    await options.getByRole('button', { name: 'Cancel' }).click();
    expect(found).toEqual({});
  });

  it('popup: ready on the article, after a ShortPen save with its link and QR code, and the History tab', async () => {
    const { tabId } = await openTestPage(harness, servers.pages, '/article.html');
    const popup = await harness.popupPageFor(tabId);
    await popup.getByRole('checkbox', { name: 'Use canonical URL' }).waitFor();
    const found = await blockingViolations(popup, 'popup ready');

    await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: 'Short links' });
    await showMoreOptions(popup);
    await popup.getByRole('checkbox', { name: 'QR code' }).check();
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Saved');
    await popup.getByRole('img', { name: 'QR code' }).waitFor();
    Object.assign(found, await blockingViolations(popup, 'popup saved'));

    await popup.getByRole('tab', { name: 'History' }).click();
    await popup.getByRole('textbox', { name: 'Search' }).waitFor();
    Object.assign(found, await blockingViolations(popup, 'popup history'));
    expect(found).toEqual({});
  });
});
