// Finds controls by role and accessible name inside the page, then drives them through UiPage with real input.
import { pollFor } from './poll';
import type { UiPage } from './driver';

export type Role = 'button' | 'tab' | 'textbox' | 'combobox' | 'checkbox' | 'listitem' | 'status';

let marks = 0;

/** Runs in the page: tags the one visible element with this role and exact name; false when there is not exactly one. */
function markControl({ role, name, mark }: { role: Role; name: string; mark: string }): boolean {
  const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const selectors: Record<Role, string> = {
    button: 'button:not([role]), [role=button]',
    tab: '[role=tab]',
    textbox: 'input:not([type]), input[type=text], input[type=url], input[type=password], input[type=search], textarea',
    combobox: 'select',
    checkbox: 'input[type=checkbox]',
    listitem: 'li',
    status: '[role=status]',
  };
  const nameOf = (el: Element): string => {
    const aria = el.getAttribute('aria-label');
    if (aria) return norm(aria);
    const by = el.getAttribute('aria-labelledby');
    if (by) return norm(by.split(/\s+/).map((id) => document.getElementById(id)?.textContent).join(' '));
    if (el.id) {
      const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (label) return norm(label.textContent);
    }
    const wrapping = el.closest('label');
    if (wrapping) return norm(wrapping.textContent);
    return el.matches('button, [role=tab], [role=button]') ? norm(el.textContent) : '';
  };
  for (const old of Array.from(document.querySelectorAll(`[data-e2e="${mark}"]`))) old.removeAttribute('data-e2e');
  const found = Array.from(document.querySelectorAll(selectors[role])).filter(
    (el) => (role === 'status' || nameOf(el) === name) && (el as HTMLElement).getClientRects().length > 0,
  );
  if (found.length !== 1) return false;
  found[0]!.setAttribute('data-e2e', mark);
  return true;
}

/** A selector for the one visible control with this role and name, waiting (bounded) for it to appear. */
export async function control(page: UiPage, role: Role, name: string, timeoutMs = 10_000): Promise<string> {
  const mark = `m${++marks}`;
  await pollFor(`one visible ${role} named "${name}"`, () => page.evaluate(markControl, { role, name, mark }), timeoutMs);
  return `[data-e2e="${mark}"]`;
}

export async function clickControl(page: UiPage, role: Role, name: string): Promise<void> {
  await page.click(await control(page, role, name));
}

export async function fillControl(page: UiPage, name: string, text: string): Promise<void> {
  await page.fill(await control(page, 'textbox', name), text);
}

/** Picks an option of the select named `name` by its visible label. */
export async function selectByLabel(page: UiPage, name: string, optionLabel: string): Promise<void> {
  const selector = await control(page, 'combobox', name);
  const value = await page.evaluate(
    ({ selector, optionLabel }) =>
      Array.from(document.querySelector<HTMLSelectElement>(selector)?.options ?? []).find((o) => o.text.trim() === optionLabel)?.value,
    { selector, optionLabel },
  );
  if (value === undefined) throw new Error(`No option "${optionLabel}" in the select "${name}"`);
  await page.select(selector, value);
}

/** The popup's one role=status text. */
export async function statusText(page: UiPage): Promise<string> {
  return page.evaluate(() => document.querySelector('[role=status]')?.textContent?.trim() ?? '', undefined);
}

export async function waitForStatus(page: UiPage, prefix: string, timeoutMs = 20_000): Promise<string> {
  return pollFor(`the status to start with "${prefix}"`, async () => {
    const text = await statusText(page);
    return text.startsWith(prefix) ? text : undefined;
  }, timeoutMs);
}

/** Waits until the list named `listName` shows `text` (e.g. a History item by its title). */
export async function waitForListText(page: UiPage, listName: string, text: string, timeoutMs = 10_000): Promise<void> {
  await pollFor(`the list "${listName}" to show "${text}"`, () =>
    page.evaluate(
      ({ listName, text }) => document.querySelector(`ul[aria-label="${CSS.escape(listName)}"]`)?.textContent?.includes(text) === true || undefined,
      { listName, text },
    ), timeoutMs);
}
