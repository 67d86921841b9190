// Owns the webhook's JSON body template: its placeholders, JSON-escaped substitution, and the check made when it is saved.
import type { Capture } from '../capture';

import { TEMPLATE_PLACEHOLDERS, type TemplatePlaceholder } from './webhook-placeholders';

/** What each placeholder stands for in one capture: text (undefined when blank), tags a list. */
export type TemplateValues = { [K in Exclude<TemplatePlaceholder, 'tags'>]: string | undefined } & { tags: readonly string[] };

export const TEMPLATE_MAX = 10_000;

export const DEFAULT_WEBHOOK_TEMPLATE = `{
  "url": "{{url}}",
  "title": "{{title}}",
  "note": "{{note}}",
  "tags": "{{tags}}",
  "selection": "{{selection}}",
  "capturedAt": "{{capturedAt}}",
  "source": "{{source}}"
}`;

/** Why a template cannot be saved; `name` is the placeholder Keeplink does not know. */
export type TemplateProblem = { code: 'template-placeholder'; name: string } | { code: 'template-json' } | { code: 'too-long'; max: number };

const isPlaceholder = (name: string): name is TemplatePlaceholder => (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);

const PLACEHOLDER = /^\{\{\s*([A-Za-z]\w*)\s*\}\}/;

/** The placeholder as a JSON value: tags a list of strings, a blank value null, anything else a string. */
function jsonValue(name: TemplatePlaceholder, values: TemplateValues): string {
  if (name === 'tags') return JSON.stringify(values.tags);
  const value = values[name];
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** The placeholder's text escaped for the inside of a JSON string: tags joined with ", ", a blank value empty. */
function stringPart(name: TemplatePlaceholder, values: TemplateValues): string {
  const text = name === 'tags' ? values.tags.join(', ') : (values[name] ?? '');
  return JSON.stringify(text).slice(1, -1);
}

/**
 * The template with every placeholder filled. A placeholder that is a whole JSON value (bare `{{tags}}` or
 * quoted `"{{tags}}"`) becomes that value; inside a longer string its text is inserted JSON-escaped. So a
 * value can never end a string or add a key, whatever quotes or backslashes it holds.
 */
export function fillTemplate(template: string, values: TemplateValues): { ok: true; text: string } | { ok: false; problem: TemplateProblem } {
  let out = '';
  let inString = false;
  let stringStart = -1;
  let i = 0;
  while (i < template.length) {
    const match = template.startsWith('{{', i) ? PLACEHOLDER.exec(template.slice(i)) : null;
    if (match) {
      const name = match[1]!;
      if (!isPlaceholder(name)) return { ok: false, problem: { code: 'template-placeholder', name } };
      const end = i + match[0].length;
      if (!inString) out += jsonValue(name, values);
      else if (stringStart === i - 1 && template[end] === '"') {
        // `"{{name}}"`: drop the quotes already written and the closing one, and put the value itself.
        out = out.slice(0, -1) + jsonValue(name, values);
        inString = false;
        i = end + 1;
        continue;
      } else out += stringPart(name, values);
      i = end;
      continue;
    }
    const char = template[i]!;
    if (inString && char === '\\') {
      out += template.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char === '"') {
      inString = !inString;
      if (inString) stringStart = i;
    }
    out += char;
    i += 1;
  }
  return { ok: true, text: out };
}

/** Values chosen to break a careless substitution: quotes, backslashes, a newline, braces and non-ASCII. */
const SAMPLE_VALUES: TemplateValues = {
  url: 'https://example.com/a?b="c"&d=\\e',
  title: 'A "quoted" title \\ with {braces}\nand a newline',
  note: 'Note with "quotes" and ünïcödé 🎉',
  tags: ['one', 'two "quoted"'],
  selection: '</script>"\\',
  capturedAt: '2026-01-01T00:00:00.000Z',
  description: 'Description "x"',
  siteName: 'Site',
  canonicalUrl: 'https://example.com/c',
  imageUrl: 'https://example.com/i.png',
  lang: 'en',
  source: 'popup',
  id: '00000000-0000-4000-8000-000000000000',
};

const BLANK_VALUES: TemplateValues = {
  url: undefined,
  title: undefined,
  note: undefined,
  tags: [],
  selection: undefined,
  capturedAt: undefined,
  description: undefined,
  siteName: undefined,
  canonicalUrl: undefined,
  imageUrl: undefined,
  lang: undefined,
  source: undefined,
  id: undefined,
};

/** Undefined when the template is valid JSON after substitution, with full values and with every value blank. */
export function checkTemplate(template: string): TemplateProblem | undefined {
  if (template.length > TEMPLATE_MAX) return { code: 'too-long', max: TEMPLATE_MAX };
  for (const values of [SAMPLE_VALUES, BLANK_VALUES]) {
    const filled = fillTemplate(template, values);
    if (!filled.ok) return filled.problem;
    try {
      JSON.parse(filled.text);
    } catch {
      return { code: 'template-json' };
    }
  }
  return undefined;
}

export function templateValues(capture: Capture, url: string): TemplateValues {
  const { page } = capture;
  return {
    url,
    title: page.title || undefined,
    note: capture.note || undefined,
    tags: capture.tags,
    selection: page.selection || undefined,
    capturedAt: new Date(capture.createdAt).toISOString(),
    description: page.description || undefined,
    siteName: page.siteName || undefined,
    canonicalUrl: page.canonicalUrl || undefined,
    imageUrl: page.imageUrl || undefined,
    lang: page.lang || undefined,
    source: capture.source,
    id: capture.id,
  };
}
