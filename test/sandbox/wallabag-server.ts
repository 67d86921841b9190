// wallabag's server side in the sandbox: OAuth2 clients, tokens with expiry, single-use refresh tokens, and entries by URL.
import { SANDBOX_IDS, SANDBOX_KEYS } from './ids';
import type { Reply } from './http';

export interface WallabagEntry {
  id: number;
  url: string;
  title: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

/** One token endpoint call, for tests that count refreshes. */
export interface TokenCall {
  grant: string;
  status: number;
}

const oauthError = (error: string, description: string): Reply => ({ status: 400, body: { error, error_description: description }, headers: { 'cache-control': 'no-store' } });

export class WallabagServer {
  /** Seconds an access token lives (the spec's default 3600). */
  lifetime = 3600;
  private readonly access = new Map<string, number>();
  private readonly refresh = new Set<string>();
  readonly entries = new Map<string, WallabagEntry>();
  readonly tokenCalls: TokenCall[] = [];
  private seq = 0;
  private clock = 0;

  /** POST /oauth/v2/token with the password or refresh_token grant, JSON or form body. */
  token(params: Record<string, string>, now: number): Reply {
    const reply = this.grant(params, now);
    this.tokenCalls.push({ grant: params.grant_type ?? '', status: reply.status });
    return reply;
  }

  private grant(params: Record<string, string>, now: number): Reply {
    const { grant_type: grant, client_id: clientId, client_secret: secret } = params;
    if (grant !== 'password' && grant !== 'refresh_token') return oauthError('invalid_request', 'Invalid grant_type parameter or parameter missing');
    if (!clientId) return oauthError('invalid_client', 'Client id was not found in the headers or body');
    if (clientId !== SANDBOX_IDS.wallabag.clientId || secret !== SANDBOX_KEYS.wallabag) return oauthError('invalid_client', 'The client credentials are invalid');
    if (params.scope) return oauthError('invalid_scope', 'An unsupported scope was requested.');
    if (grant === 'password') {
      if (!params.username || !params.password) return oauthError('invalid_request', 'Missing parameters. "username" and "password" required');
      if (params.username !== SANDBOX_IDS.wallabag.username || params.password !== SANDBOX_IDS.wallabag.password) {
        return oauthError('invalid_grant', 'Invalid username and password combination');
      }
    } else {
      if (!params.refresh_token) return oauthError('invalid_request', 'No "refresh_token" parameter found');
      if (!this.refresh.delete(params.refresh_token)) return oauthError('invalid_grant', 'Invalid refresh token');
    }
    this.seq += 1;
    const accessToken = `wb_access_${this.seq}`;
    const refreshToken = `wb_refresh_${this.seq}`;
    this.access.set(accessToken, now + this.lifetime * 1000);
    this.refresh.add(refreshToken);
    return {
      status: 200,
      headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
      body: { access_token: accessToken, expires_in: this.lifetime, token_type: 'bearer', scope: null, refresh_token: refreshToken },
    };
  }

  /** Every access token expires now (the client still believes it valid, so its next call gets the 401). */
  expireAccessTokens(): void {
    for (const token of this.access.keys()) this.access.set(token, 0);
  }

  /** Every refresh token is refused from now on, as after its 14 days. */
  revokeRefreshTokens(): void {
    this.refresh.clear();
  }

  /** The Bearer token's verdict, in the OAuth2 library's words. */
  checkBearer(authorization: string | undefined, now: number): { ok: true } | { ok: false; problem: 'missing' | 'invalid'; code: 'expired' | 'invalid' | 'missing' } {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, problem: 'missing', code: 'missing' };
    const expiresAt = this.access.get(token);
    if (expiresAt === undefined) return { ok: false, problem: 'invalid', code: 'invalid' };
    return expiresAt > now ? { ok: true } : { ok: false, problem: 'invalid', code: 'expired' };
  }

  /** Saves the URL, or adds the tags to the entry that already has it (same id, 200 either way). */
  save(url: string, title: string | undefined, tags: string[], now: Date): { entry: WallabagEntry; existing: boolean } {
    this.clock = Math.max(this.clock + 1000, now.getTime());
    const at = new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, '+0000');
    const found = this.entries.get(url);
    if (found) {
      found.tags = [...new Set([...found.tags, ...tags])];
      if (title) found.title = title;
      found.updatedAt = at;
      return { entry: found, existing: true };
    }
    const entry = { id: 1000 + this.entries.size + 1, url, title: title ?? null, tags: [...new Set(tags)], createdAt: at, updatedAt: at };
    this.entries.set(url, entry);
    return { entry, existing: false };
  }
}

export function entryJson(entry: WallabagEntry): Record<string, unknown> {
  return {
    id: entry.id,
    uid: null,
    title: entry.title ?? new URL(entry.url).host,
    url: entry.url,
    given_url: entry.url,
    origin_url: null,
    is_archived: 0,
    is_starred: 0,
    is_public: false,
    archived_at: null,
    starred_at: null,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
    published_at: null,
    published_by: null,
    content: '<p>wallabag sandbox</p>',
    mimetype: 'text/html',
    language: 'en',
    reading_time: 1,
    domain_name: new URL(entry.url).host,
    preview_picture: null,
    http_status: '200',
    annotations: [],
    tags: entry.tags.map((label, i) => ({ id: i + 1, label, slug: `t:${label}` })),
    user_id: 1,
    user_name: SANDBOX_IDS.wallabag.username,
    user_email: 'alice@example.org',
    _links: { self: { href: `/api/entries/${entry.id}` } },
  };
}
