// Owns the Linkwarden collection picker's data: GET {base}/api/v1/collections with the token (the spec's way to
// learn the id a link must carry), read into choices named by their place in the tree, cached per Options page.
import { fail, keeplinkError, ok, type Result } from '../errors';
import { sendRequest, type FetchLike } from '../http';
import { originOf } from '../origin';
import { classifyAnswer } from '../providers/answer';
import { apiUrl, readRequest, requestHeaders } from '../providers/common';
import { linkwardenErrorSchema } from '../providers/linkwarden';
import type { HttpAnswer, ProviderRequest } from '../providers/types';
import { redactError } from '../redact';
import { z } from '../zod';

export interface PickerChoice {
  id: number;
  /** The collection's name after its parents' ("Reading / Papers"): two collections may share a name. */
  label: string;
}

export interface PickerDeps {
  fetch: FetchLike;
  timeoutMs: number;
}

const collectionSchema = z.object({ id: z.int(), name: z.string(), parentId: z.optional(z.nullable(z.int())) });
const collectionsAnswerSchema = z.object({ response: z.array(collectionSchema) });
type Collection = z.infer<typeof collectionSchema>;

export function collectionsRequest(baseUrl: string, apiKey: string): Result<ProviderRequest> {
  const headers = requestHeaders(apiKey);
  delete headers['content-type'];
  return readRequest(apiUrl(baseUrl, '/api/v1/collections'), headers);
}

function labelOf(collection: Collection, byId: ReadonlyMap<number, Collection>): string {
  const names = [collection.name];
  const seen = new Set([collection.id]);
  // A parent outside the list (shared from someone else) or a loop ends the path.
  for (let parent = byId.get(collection.parentId ?? -1); parent && !seen.has(parent.id); parent = byId.get(parent.parentId ?? -1)) {
    seen.add(parent.id);
    names.unshift(parent.name);
  }
  return names.join(' / ');
}

export function readCollections(answer: HttpAnswer): Result<PickerChoice[]> {
  const outcome = classifyAnswer(answer, {
    // Any 2xx JSON passes here; the list itself is read below.
    success: { schema: z.unknown(), read: () => ({}), salvage: () => ({}) },
    error: { schema: linkwardenErrorSchema },
    notFound: 'api-not-found',
    gone: 'api-not-found',
  });
  if (outcome.kind !== 'synced') return fail(outcome.error);
  let json: unknown;
  try {
    json = JSON.parse(answer.bodyText);
  } catch {
    json = undefined;
  }
  const parsed = collectionsAnswerSchema.safeParse(json);
  if (!parsed.success) return fail(keeplinkError('malformed-response', { status: answer.status }));
  const byId = new Map(parsed.data.response.map((collection) => [collection.id, collection]));
  return ok(
    parsed.data.response
      .map((collection) => ({ id: collection.id, label: labelOf(collection, byId) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  );
}

/**
 * One list per base URL and key for as long as the Options page is open. Not in storage: a collection list is the
 * service's data and changes there (a reopened page asks again), and keeping it in memory writes none of it to disk.
 */
export function createCollectionPicker(deps: PickerDeps) {
  const cache = new Map<string, Promise<Result<PickerChoice[]>>>();

  async function load(baseUrl: string, apiKey: string): Promise<Result<PickerChoice[]>> {
    const request = collectionsRequest(baseUrl, apiKey);
    if (!request.ok) return request;
    // The key goes to the base URL's own origin only: sendRequest refuses any other, redirects included.
    const answer = await sendRequest(request.value, { fetch: deps.fetch, timeoutMs: deps.timeoutMs, idempotencyKey: 'collection-picker', allowedOrigin: originOf(baseUrl) });
    const read = answer.ok ? readCollections(answer.value) : answer;
    return read.ok ? read : fail(redactError(read.error, apiKey));
  }

  return {
    choices(baseUrl: string, apiKey: string): Promise<Result<PickerChoice[]>> {
      const key = `${baseUrl}\n${apiKey}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const loading = load(baseUrl, apiKey);
      cache.set(key, loading);
      // A failure is not kept: the user may fix the key or the server and ask again.
      void loading.then((result) => {
        if (!result.ok) cache.delete(key);
      });
      return loading;
    },
  };
}
