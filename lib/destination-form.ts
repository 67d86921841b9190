// Owns the options form's conversion: raw field strings → a validated Destination (with per-field problems), and back.
import { NAME_MAX } from './destination';
import { checkBaseUrl } from './origin';
import { destinationSchema, getProvider, isProviderId, withProvider, type Destination } from './providers';
import { PATH_ID_ISSUE } from './providers/common';
import type { FieldSpec, ProviderId } from './providers/types';
import { HEADER_LIST_ISSUE, HEADER_NAME_ISSUE, parseHeaderLines } from './providers/webhook';
import { checkTemplate } from './providers/webhook-template';

const FIELD_PROBLEM_CODES = [
  'required',
  'uuid',
  'integer',
  'integer-list',
  'too-long',
  'url',
  'insecure-url',
  PATH_ID_ISSUE,
  HEADER_NAME_ISSUE,
  HEADER_LIST_ISSUE,
  'template-placeholder',
  'template-json',
  'invalid',
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

/** What is wrong with one field; the UI turns the code into a message next to that field. */
export interface FieldProblem {
  code: FieldProblemCode;
  max?: number;
  /** The placeholder a body template names but Keeplink does not know. */
  name?: string;
}

/** A schema issue's message is a problem code when the schema says exactly what is wrong (path-id, header-name…). */
const problemCodeOf = (message: string): FieldProblemCode => FIELD_PROBLEM_CODES.find((code) => code === message) ?? 'invalid';

/** The form as typed: common keys id, name, baseUrl, apiKey plus the provider's field keys. */
export type RawDestinationForm = Record<string, string | boolean>;

export type DestinationFormResult = { ok: true; value: Destination } | { ok: false; errors: Record<string, FieldProblem> };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^\d+$/;

type Converted = { value?: unknown; problem?: FieldProblem };

function textOf(raw: RawDestinationForm, key: string): string {
  const value = raw[key];
  return typeof value === 'string' ? value.trim() : '';
}

function toInt(text: string): number | undefined {
  if (!DIGITS.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function convertList(kind: 'int-list' | 'string-list', text: string): Converted {
  const parts = splitList(text);
  if (kind === 'string-list') return { value: [...new Set(parts.map((part) => part.toUpperCase()))] };
  const numbers = parts.map(toInt);
  if (numbers.some((n) => n === undefined)) return { problem: { code: 'integer-list' } };
  return { value: [...new Set(numbers)] };
}

function convertField(field: FieldSpec, raw: RawDestinationForm): Converted {
  // Used once by the options page to sign in, never part of the stored destination.
  if (field.kind === 'password') return {};
  if (field.kind === 'checkbox') {
    const value = raw[field.key];
    if (value === undefined) return { value: field.defaultValue === true };
    return { value: value === true || value === 'true' || value === 'on' };
  }
  let text = textOf(raw, field.key);
  // "Default shown in the form (and used when blank)".
  if (!text && typeof field.defaultValue === 'string') text = field.defaultValue;
  const listKind = field.kind === 'int-list' || field.kind === 'string-list';
  if (!text || (listKind && splitList(text).length === 0)) return field.required ? { problem: { code: 'required' } } : {};
  switch (field.kind) {
    case 'choice':
      return field.choices?.includes(text) ? { value: text } : { problem: { code: 'invalid' } };
    case 'header-list': {
      const headers = parseHeaderLines(text);
      return headers ? { value: headers } : { problem: { code: HEADER_LIST_ISSUE } };
    }
    case 'json-template': {
      const problem = checkTemplate(text);
      return problem ? { problem } : { value: text };
    }
    case 'uuid':
      return GUID.test(text) ? { value: text } : { problem: { code: 'uuid' } };
    case 'int': {
      const value = toInt(text);
      return value === undefined ? { problem: { code: 'integer' } } : { value };
    }
    case 'int-list':
    case 'string-list':
      return convertList(field.kind, text);
    default:
      return { value: text };
  }
}

function checkCommon(provider: ProviderId, raw: RawDestinationForm, storedKey: string, errors: Record<string, FieldProblem>): Record<string, unknown> {
  const spec = getProvider(provider);
  const id = textOf(raw, 'id');
  const name = textOf(raw, 'name');
  const apiKey = textOf(raw, 'apiKey') || storedKey;
  const baseUrlText = textOf(raw, 'baseUrl') || (spec.defaultBaseUrl ?? '');
  if (!id) errors.id = { code: 'required' };
  if (!name) errors.name = { code: 'required' };
  else if (name.length > NAME_MAX) errors.name = { code: 'too-long', max: NAME_MAX };
  if (spec.apiKeyRequired && !apiKey) errors.apiKey = { code: 'required' };
  let baseUrl = '';
  if (!baseUrlText) errors.baseUrl = { code: 'required' };
  else {
    const checked = checkBaseUrlField(baseUrlText);
    if (checked.ok) baseUrl = checked.value;
    else errors.baseUrl = checked.problem;
  }
  return { id, name, baseUrl, apiKey, provider };
}

/** The base URL rule of the form, also applied to imported settings: the normalised URL, or what is wrong with it. */
export function checkBaseUrlField(text: string): { ok: true; value: string } | { ok: false; problem: FieldProblem } {
  const checked = checkBaseUrl(text);
  if (checked.ok) return checked;
  return { ok: false, problem: { code: checked.error.code === 'insecure-base-url' ? 'insecure-url' : 'url' } };
}

/**
 * Validates the form for one provider; every field at fault gets its own problem, not just the first.
 * `storedKey` is the key of the destination being edited: the form never shows it, so a blank key field keeps it.
 */
export function parseDestinationForm(provider: ProviderId, raw: RawDestinationForm, storedKey = ''): DestinationFormResult {
  const errors: Record<string, FieldProblem> = {};
  const candidate = checkCommon(provider, raw, storedKey, errors);
  for (const field of getProvider(provider).fields) {
    const converted = convertField(field, raw);
    if (converted.problem) errors[field.key] = converted.problem;
    else if (converted.value !== undefined) candidate[field.key] = converted.value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // The provider's schema has the last word (e.g. an expiry of 0 seconds passes the digit check but not "> 0").
  const parsed = destinationSchema.safeParse(candidate);
  if (parsed.success) {
    // Problems between fields (a webhook secret without its header name), named at the field to fix.
    const problems = Object.entries(withProvider(parsed.data, (spec, own) => spec.settingsProblems?.(own)) ?? {});
    if (problems.length === 0) return { ok: true, value: parsed.data };
    return { ok: false, errors: Object.fromEntries(problems.map(([key, code]) => [key, { code }])) };
  }
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'provider');
    errors[key] ??= { code: problemCodeOf(issue.message) };
  }
  return { ok: false, errors };
}

function formValue(field: FieldSpec, value: unknown): string | boolean {
  if (field.kind === 'checkbox') return value === true;
  if (field.kind === 'header-list') {
    const headers = Array.isArray(value) ? (value as { name?: unknown; value?: unknown }[]) : [];
    return headers.map((h) => `${String(h.name ?? '')}: ${String(h.value ?? '')}`).join('\n');
  }
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return '';
}

/** A stored entry of a known service, valid or not: what the edit form can open, so invalid settings can be fixed. */
export type StoredEntry = { id: string; provider: ProviderId } & Record<string, unknown>;

export function storedEntryOf(entry: unknown): StoredEntry | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const fields: Record<string, unknown> = { ...entry };
  const { id, provider } = fields;
  if (typeof id !== 'string' || !isProviderId(provider)) return undefined;
  return { ...fields, id, provider };
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * A stored destination (valid or not) as form values, for editing; absent optional fields (or ones of the wrong
 * type) become empty boxes. The key itself never goes into the page (where any script or extension reading the
 * DOM would find it): only whether one is saved.
 */
export function destinationToForm(destination: Destination | StoredEntry): RawDestinationForm & { provider: ProviderId } {
  const stored: Record<string, unknown> = destination;
  const form: RawDestinationForm & { provider: ProviderId } = {
    id: destination.id,
    provider: destination.provider,
    name: text(stored.name),
    baseUrl: text(stored.baseUrl),
    apiKey: '',
    keySaved: text(stored.apiKey).trim() !== '',
  };
  for (const field of getProvider(destination.provider).fields) form[field.key] = formValue(field, stored[field.key]);
  return form;
}
