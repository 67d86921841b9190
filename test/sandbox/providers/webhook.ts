// JSON webhook: POST or PUT /hooks/{hookId} → 200 {received, id}; the secret travels in X-Webhook-Secret; errors {error, message}.
import { STATUS_CODES } from 'node:http';
import { SANDBOX_IDS } from '../ids';
import type { Reply } from '../http';
import type { ErrorSpec, SandboxApi } from './types';

function webhookError({ status, message }: ErrorSpec): Reply {
  return { status, body: { error: STATUS_CODES[status] ?? 'Error', message: message ?? STATUS_CODES[status] ?? 'Request failed' } };
}

export const webhookApi: SandboxApi = {
  provider: 'webhook',
  prefix: '/webhook',
  route: /^\/hooks\/(?<hookId>[^/]+)$/,
  methods: ['POST', 'PUT'],
  authHeader: SANDBOX_IDS.webhook.secretHeader,
  successStatus: 200,
  error: webhookError,
  authError: (problem) => webhookError({ status: problem === 'missing' ? 401 : 403, message: `Secret header ${problem}` }),
  invalidBody: (errors) => webhookError({ status: 400, message: `Body breaks the default template's contract: ${errors[0]?.instancePath || '/'} ${errors[0]?.message ?? ''}` }),
  checkTargets: ({ params }) => (params.hookId === SANDBOX_IDS.webhook.hookId ? undefined : webhookError({ status: 404, message: 'No such hook' })),
  async create({ body, random }) {
    const id = random.uuid();
    return { id, pageUrl: String(body.url), reply: { status: 200, body: { received: true, id } } };
  },
};
