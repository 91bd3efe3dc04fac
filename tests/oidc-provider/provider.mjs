// A stand-in for the national e-ID provider (VNeID) in the tests: oidc-provider (OpenID Certified)
// on loopback, with one confidential client, so that the server's OpenID Connect relying-party
// code is tested against an independent implementation. Rust side: tests/src/oidc_provider.rs.
//
//   PORT=0 CLIENT_ID=citizen CLIENT_SECRET=s3cret REDIRECT_URI=http://127.0.0.1:9/cb node provider.mjs
//
// Binds 127.0.0.1 only (PORT 0 = a free port). When listening it prints exactly one line to
// stdout, `ISSUER http://127.0.0.1:<port>`; everything else goes to stderr. It exits on SIGTERM
// or SIGINT, and when its standard input closes (the parent test process died without killing it).
//
// Sign-in uses oidc-provider's built-in development interactions: a login form that accepts any
// login and password (the login becomes the account id and `sub`), then a consent form.
//
// Where the claims go: with oidc-provider's default `conformIdTokenClaims: true` and
// response_type=code, the ID token carries only `sub` (plus iss, aud, nonce, auth_time, ...); the
// claims of the `profile` and `address` scopes (name, birthdate, personal_id_number, address) are
// delivered by the userinfo endpoint, which discovery advertises. A relying party that asks for
// those scopes must call userinfo with the access token to get them. Set ID_TOKEN_CLAIMS=1 to turn
// `conformIdTokenClaims` off, which also puts them into the ID token.

import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { fstatSync } from 'node:fs';
import { createServer } from 'node:http';

// oidc-provider prints its development notices with console.info/console.log; stdout is reserved
// for the ISSUER line that the parent reads.
console.info = console.error;
console.log = console.error;

const { default: Provider } = await import('oidc-provider');

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`provider.mjs: the environment variable ${name} is required`);
    process.exit(2);
  }
  return value;
}

const port = Number(process.env.PORT ?? '0');
const clientId = requiredEnv('CLIENT_ID');
const clientSecret = requiredEnv('CLIENT_SECRET');
const redirectUri = requiredEnv('REDIRECT_URI');
const idTokenClaims = process.env.ID_TOKEN_CLAIMS === '1';

// The 12-digit personal identification number (số định danh cá nhân) of an account: the id itself
// when it already is 12 digits, otherwise 12 digits derived from a hash of it.
function personalIdNumber(accountId) {
  if (/^\d{12}$/.test(accountId)) return accountId;
  const hash = createHash('sha256').update(accountId).digest();
  return (hash.readBigUInt64BE(0) % 10n ** 12n).toString().padStart(12, '0');
}

// Any account id is accepted; it is the `sub`.
async function findAccount(_ctx, accountId) {
  return {
    accountId,
    async claims() {
      return {
        sub: accountId,
        name: 'Trần Thị Bình',
        birthdate: '1990-05-17',
        personal_id_number: personalIdNumber(accountId),
        address: { formatted: '12 Lê Lợi, phường Thuận Hóa, thành phố Huế' },
      };
    },
  };
}

// An RS256 signing key of this run's own, rather than oidc-provider's published development keys.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' };

// Listen first, so that the issuer can name the port that was actually picked.
const server = createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, '127.0.0.1', resolve);
});
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // oidc-provider accepts client_secret_basic and client_secret_post interchangeably for a
      // client registered with either.
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
  ],
  scopes: ['openid', 'profile', 'address'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'birthdate', 'personal_id_number'],
    address: ['address'],
  },
  conformIdTokenClaims: !idTokenClaims,
  findAccount,
  jwks: { keys: [signingKey] },
  // Plain http on loopback: the request is never `secure`, so oidc-provider sets no Secure flag
  // on its cookies; they are signed with this run's own keys.
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  features: {
    devInteractions: { enabled: true },
    userinfo: { enabled: true },
  },
  // PKCE (S256 only) is verified whenever the client sends a code_challenge; it is not required
  // of this confidential client (oidc-provider's default).
  pkce: { methods: ['S256'] },
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 3600,
    Session: 3600,
    Grant: 3600,
  },
});

for (const event of [
  'server_error',
  'authorization.error',
  'grant.error',
  'userinfo.error',
  'interaction.error',
  'discovery.error',
  'jwks.error',
]) {
  provider.on(event, (ctx, err) => {
    const detail = err?.error_description ? ` (${err.error_description})` : '';
    console.error(`oidc-provider ${event}: ${err?.message ?? err}${detail}`);
    if (event === 'server_error' && err?.stack) console.error(err.stack);
  });
}

server.on('request', provider.callback());
process.stdout.write(`ISSUER ${issuer}\n`);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// A parent that gives us a pipe as stdin (the Rust harness does) holds it open; when it closes,
// the parent is gone. A terminal or /dev/null as stdin is left alone.
if (fstatSync(0).isFIFO()) {
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}
