// Loads the JSON-Schema contracts written from ../shared/api-specs and compiles them with ajv (tests and sandbox only).
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { providerIds } from '../../lib/providers';
import type { ProviderId } from '../../lib/providers/types';

export type ContractKind = 'request' | 'response' | 'error';

export const contractProviders: readonly ProviderId[] = providerIds;

/** The parsed JSON Schema of one provider's request body, success body or error body. */
export function loadContract(provider: ProviderId, kind: ContractKind): Record<string, unknown> {
  const file = new URL(`./${provider}.${kind}.schema.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

// ajv-formats is CommonJS; depending on the loader its function sits on the module or on .default.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule);

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);

const compiled = new Map<string, ValidateFunction>();

/** An ajv validate function for a contract; compiled once per provider and kind. */
export function compileContract(provider: ProviderId, kind: ContractKind): ValidateFunction {
  const key = `${provider}.${kind}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(loadContract(provider, kind));
    compiled.set(key, validate);
  }
  return validate;
}

/** ajv's errors as short "path message" lines, for assertion messages and sandbox replies. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
}
