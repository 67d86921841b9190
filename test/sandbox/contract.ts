// Checks request bodies against the same JSON Schemas the contract tests use (test/contracts/).
import type { ProviderId } from '../../lib/providers/types';
import { compileContract } from '../contracts/schemas';
import type { BodyError } from './records';

export function checkRequestBody(provider: ProviderId, body: unknown): { valid: true } | { valid: false; errors: BodyError[] } {
  const validate = compileContract(provider, 'request');
  if (validate(body)) return { valid: true };
  // ajv keeps errors on the shared function: copy them before the next call overwrites them.
  const errors = (validate.errors ?? []).map((error) => ({
    instancePath: error.instancePath,
    keyword: error.keyword,
    message: error.message ?? error.keyword,
    params: { ...error.params } as Record<string, unknown>,
  }));
  return { valid: false, errors };
}

export function notJsonError(message: string): BodyError {
  return { instancePath: '', keyword: 'json', message: `body is not JSON: ${message}`, params: {} };
}
