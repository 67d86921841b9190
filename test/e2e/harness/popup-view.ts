// Drives the real action popup over CDP: Playwright gives no Page for it, so this is a small stand-in.
import { z } from '../../../lib/zod';
import type { TargetSession } from './target-session';
import { pollUntil } from './with-timeout';

const defaultTimeoutMs = 5_000;

const remoteObjectSchema = z.object({
  type: z.string(),
  value: z.optional(z.unknown()),
  objectId: z.optional(z.string()),
  description: z.optional(z.string()),
});

const evaluationSchema = z.object({
  result: remoteObjectSchema,
  exceptionDetails: z.optional(
    z.object({
      text: z.string(),
      exception: z.optional(z.object({ description: z.optional(z.string()) })),
    }),
  ),
});

const axValueSchema = z.optional(z.object({ value: z.optional(z.unknown()) }));

const axTreeSchema = z.object({
  nodes: z.array(
    z.object({
      ignored: z.boolean(),
      role: axValueSchema,
      name: axValueSchema,
      backendDOMNodeId: z.optional(z.number()),
    }),
  ),
});

const resolvedNodeSchema = z.object({ object: z.object({ objectId: z.string() }) });

const clickPointSchema = z.nullable(z.object({ x: z.number(), y: z.number() }));

/** One accessible node of the popup, as Chromium computes it (the same data DevTools shows). */
export interface AxEntry {
  role: string;
  name: string;
}

export interface RoleOptions {
  /** A string matches case-insensitively as a substring, unless `exact`; a RegExp is tested as is. */
  name?: string | RegExp;
  exact?: boolean;
}

export interface WaitOptions {
  timeoutMs?: number;
}

// Chromium names a few roles differently from ARIA / Playwright.
const roleAliases: Record<string, string[]> = { img: ['img', 'image'] };

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nameMatches(actual: string, options: RoleOptions): boolean {
  const { name, exact = false } = options;
  if (name === undefined) return true;
  if (name instanceof RegExp) return new RegExp(name.source, name.flags.replace('g', '')).test(actual);
  if (exact) return normalizeSpace(actual) === normalizeSpace(name);
  return normalizeSpace(actual).toLowerCase().includes(normalizeSpace(name).toLowerCase());
}

function describeRole(role: string, options: RoleOptions): string {
  if (options.name === undefined) return `role=${role}`;
  return `role=${role}[name=${options.name instanceof RegExp ? String(options.name) : JSON.stringify(options.name)}]`;
}

interface AxNode extends AxEntry {
  backendNodeId: number | undefined;
}

/** Rendered accessible nodes (ignored ones are hidden or presentational) with their DOM node ids. */
async function readAxNodes(session: TargetSession): Promise<AxNode[]> {
  const tree = axTreeSchema.parse(await session.send('Accessibility.getFullAXTree'));
  return tree.nodes
    .filter((node) => !node.ignored)
    .map((node) => ({
      role: typeof node.role?.value === 'string' ? node.role.value : '',
      name: typeof node.name?.value === 'string' ? node.name.value : '',
      backendNodeId: node.backendDOMNodeId,
    }));
}

function throwIfException(reply: z.infer<typeof evaluationSchema>, what: string): void {
  if (reply.exceptionDetails) {
    const detail = reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text;
    throw new Error(`${what} threw in the popup: ${detail}`);
  }
}

/**
 * The extension's action popup, opened by chrome.action.openPopup() for a real tab.
 * Everything runs in the popup's own realm; arguments and results must be JSON-serializable.
 */
export class PopupView {
  constructor(
    private readonly session: TargetSession,
    /** The tab the popup was opened for. */
    readonly tabId: number,
    readonly url: string,
  ) {}

  get targetId(): string {
    return this.session.targetId;
  }

  /** True once the popup is gone (window.close(), Chromium dismissed it) or this view detached. */
  get isClosed(): boolean {
    return this.session.isDetached;
  }

  /** Runs `fn(arg)` in the popup and returns its (awaited) result. */
  async evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const reply = evaluationSchema.parse(
      await this.session.send('Runtime.evaluate', {
        expression: `(${fn.toString()})(${JSON.stringify(arg) ?? 'undefined'})`,
        awaitPromise: true,
        returnByValue: true,
      }),
    );
    throwIfException(reply, 'evaluate()');
    return reply.result.value as R;
  }

  /** Polls `fn(arg)` in the popup until it returns a truthy value. */
  async waitForFunction<A = undefined>(fn: (arg: A) => unknown, arg?: A, options: WaitOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    await pollUntil(
      async () => ((await this.evaluate(fn, arg)) ? true : undefined),
      `waiting in the popup for ${fn.toString().slice(0, 80)}`,
      { timeoutMs },
    );
  }

  /** The popup's rendered (not hidden) accessible nodes, in the order Chromium lists them. */
  async accessibilityTree(): Promise<AxEntry[]> {
    return (await readAxNodes(this.session)).map(({ role, name }) => ({ role, name }));
  }

  /** A lazy locator: it resolves against the current accessibility tree each time it acts. */
  getByRole(role: string, options: RoleOptions = {}): PopupLocator {
    return new PopupLocator(this.session, role, options);
  }

  /** Closes the popup (window.close()) and waits until Chromium has torn it down. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    await this.session.send('Runtime.evaluate', { expression: 'window.close()' }).catch(() => undefined);
    await pollUntil(async () => (this.isClosed ? true : undefined), 'the popup to close', {
      timeoutMs: defaultTimeoutMs,
    });
  }
}

/** Elements of the popup found by ARIA role and accessible name, like Playwright's getByRole. */
export class PopupLocator {
  constructor(
    private readonly session: TargetSession,
    private readonly role: string,
    private readonly options: RoleOptions,
  ) {}

  toString(): string {
    return describeRole(this.role, this.options);
  }

  async count(): Promise<number> {
    return (await this.matches()).length;
  }

  /** Waits until at least one element matches ('visible', the default) or none does ('hidden'). */
  async waitFor(options: WaitOptions & { state?: 'visible' | 'hidden' } = {}): Promise<void> {
    const wanted = options.state ?? 'visible';
    await pollUntil(
      async () => {
        const count = await this.count();
        return (wanted === 'visible' ? count > 0 : count === 0) ? true : undefined;
      },
      `${this} to be ${wanted} in the popup`,
      { timeoutMs: options.timeoutMs ?? defaultTimeoutMs },
    );
  }

  /**
   * Clicks the element's centre with real mouse events, so the click carries user activation
   * (chrome.permissions.request() needs it). Waits until the element is enabled and not covered.
   */
  async click(options: WaitOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const point = await pollUntil(
      async () => {
        const objectId = await this.resolveOne();
        if (objectId === undefined) return undefined;
        const reply = evaluationSchema.parse(
          await this.session.send('Runtime.callFunctionOn', {
            objectId,
            functionDeclaration: `function () {
              if (this.disabled || this.getAttribute('aria-disabled') === 'true') return null;
              this.scrollIntoView({ block: 'center', inline: 'center' });
              const box = this.getBoundingClientRect();
              if (box.width === 0 || box.height === 0) return null;
              const x = box.x + box.width / 2, y = box.y + box.height / 2;
              const hit = document.elementFromPoint(x, y);
              return hit && (hit === this || this.contains(hit)) ? { x, y } : null;
            }`,
            returnByValue: true,
          }),
        );
        throwIfException(reply, `click() on ${this}`);
        return clickPointSchema.parse(reply.result.value) ?? undefined;
      },
      `${this} to exist in the popup, enabled, visible and not covered`,
      { timeoutMs },
    );
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'] as const) {
      await this.session.send('Input.dispatchMouseEvent', { type, x: point.x, y: point.y, button: 'left', clickCount: 1 });
    }
  }

  /** Replaces the value of a text field the way typing does (trusted input events). */
  async fill(value: string, options: WaitOptions = {}): Promise<void> {
    const objectId = await this.waitForOne(options);
    const reply = evaluationSchema.parse(
      await this.session.send('Runtime.callFunctionOn', {
        objectId,
        functionDeclaration: `function () {
          const editable = this instanceof HTMLInputElement || this instanceof HTMLTextAreaElement;
          if (!editable && !this.isContentEditable) throw new Error('not a text field: ' + this.outerHTML.slice(0, 80));
          this.focus();
          if (editable) this.select();
          else document.getSelection().selectAllChildren(this);
        }`,
      }),
    );
    throwIfException(reply, `fill() on ${this}`);
    if (value === '') {
      await this.session.send('Runtime.evaluate', { expression: "document.execCommand('delete')" });
    } else {
      await this.session.send('Input.insertText', { text: value });
    }
  }

  async textContent(options: WaitOptions = {}): Promise<string> {
    return this.evaluate((element) => element.textContent ?? '', undefined, options);
  }

  /** Runs `fn(element, arg)` on the single matching element. */
  async evaluate<R, A = undefined>(
    fn: (element: HTMLElement, arg: A) => R | Promise<R>,
    arg?: A,
    options: WaitOptions = {},
  ): Promise<R> {
    const objectId = await this.waitForOne(options);
    const reply = evaluationSchema.parse(
      await this.session.send('Runtime.callFunctionOn', {
        objectId,
        functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
        arguments: arg === undefined ? [] : [{ value: arg }],
        awaitPromise: true,
        returnByValue: true,
      }),
    );
    throwIfException(reply, `evaluate() on ${this}`);
    return reply.result.value as R;
  }

  private async matches(): Promise<AxNode[]> {
    const roles = roleAliases[this.role] ?? [this.role];
    return (await readAxNodes(this.session)).filter(
      (node) => roles.includes(node.role) && nameMatches(node.name, this.options),
    );
  }

  /** The single match's object id; undefined while nothing matches; throws if several match. */
  private async resolveOne(): Promise<string | undefined> {
    const found = await this.matches();
    if (found.length > 1) {
      throw new Error(`${this} matches ${found.length} elements in the popup; make the name more specific`);
    }
    const [match] = found;
    if (match === undefined) return undefined;
    if (match.backendNodeId === undefined) throw new Error(`${this} has no DOM node in the popup`);
    const resolved = resolvedNodeSchema.parse(
      await this.session.send('DOM.resolveNode', { backendNodeId: match.backendNodeId }),
    );
    return resolved.object.objectId;
  }

  private async waitForOne(options: WaitOptions): Promise<string> {
    return pollUntil(() => this.resolveOne(), `${this} to appear in the popup`, {
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    });
  }
}
