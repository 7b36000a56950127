/**
 * A cheap first look at the Bot Connector token before the adapter's full check (signature,
 * issuer, audience against Microsoft's published keys). It turns away requests that cannot
 * be valid: no token, not a JWT, or expired. They get a 401 without any network call.
 */
export function tokenProblem(authorization: string | undefined, now = Date.now()): string | undefined {
  if (!authorization) return 'No Authorization header: requests must carry a Bot Connector token.';
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization.trim());
  if (!match) return 'The Authorization header is not a Bearer JSON Web Token.';
  let header: { alg?: unknown };
  let payload: { exp?: unknown; nbf?: unknown };
  try {
    header = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(match[2], 'base64url').toString('utf8'));
  } catch {
    return 'The token cannot be read.';
  }
  // Bot Connector tokens are RS256; anything else (none, NONE, HS256 keyed with a public key) is refused here.
  if (header?.alg !== 'RS256') return 'The token is not signed the way Bot Connector tokens are.';
  const skewSeconds = 300;
  const seconds = now / 1000;
  if (typeof payload?.exp !== 'number' || payload.exp + skewSeconds < seconds) return 'The token has expired.';
  if (typeof payload.nbf === 'number' && payload.nbf - skewSeconds > seconds) return 'The token is not valid yet.';
  return undefined;
}
