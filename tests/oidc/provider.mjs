// A real OpenID Provider (the certified npm package oidc-provider) for Rödtråd's tests.
//
//   node provider.mjs <port> <state.json> <redirect_uri>[,<redirect_uri>…]
//
// The issuer is http://127.0.0.1:<port>. One confidential client, "rodtrad", uses the
// authorization code flow with PKCE. The accounts and their directory groups are read from
// state.json at every request, so a test can move a person between groups between sign-ins:
//
//   {"accounts": {"anna": {"name": "Anna", "email": "anna@example.se", "groups": ["G"]}},
//    "tamper": ""}
//
// An account with "overage": true gets no groups claim but a reference to elsewhere, as Entra
// ID does for a person in more than 200 groups.
//
// "tamper" makes the token endpoint hand out a broken ID token, as an attacker or a
// misconfigured provider would: "payload" (claims altered after signing), "foreign-key"
// (signed by a key not in the JWKS), "expired", "audience" (for another client), "nonce"
// or "unsigned". The signing key is made afresh at every start: a restart rotates it.
// Sign-in uses oidc-provider's development login and consent pages (any password).
import { readFileSync } from 'node:fs';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const [port, statePath, redirectUris] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const CLIENT_ID = 'rodtrad';

const state = () => JSON.parse(readFileSync(statePath, 'utf8'));

async function signingKey() {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  jwk.kid = `nyckel-${Date.now()}`;
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  return jwk;
}

const key = await signingKey();
const foreignKey = await signingKey();
foreignKey.kid = key.kid; // the same key id, another key: only the signature tells them apart

const provider = new Provider(issuer, {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: 'rodtrad-test-secret',
    redirect_uris: redirectUris.split(','),
    post_logout_redirect_uris: redirectUris.split(',').map((uri) => new URL('/', uri).href),
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: { keys: [key] },
  cookies: { keys: ['rodtrad-test-cookie-key'] },
  // Groups go into every ID token, as Entra ID sends them once the groups claim is configured.
  claims: { openid: ['sub', 'groups'], profile: ['name', 'preferred_username'], email: ['email'] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    const account = state().accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        const { overage, ...claims } = account;
        if (!overage) return { sub: id, preferred_username: id, ...claims };
        // Entra ID's "groups overage": too many groups for a token, so the claim is left
        // out and the ID token points at Microsoft Graph for them (distributed claims).
        delete claims.groups;
        return {
          sub: id, preferred_username: id, ...claims,
          _claim_names: { groups: 'src1' },
          _claim_sources: { src1: { endpoint: `https://graph.microsoft.com/v1.0/users/${id}/getMemberObjects` } },
        };
      },
    };
  },
});

async function tampered(idToken, how) {
  const [header, payload, signature] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url'));
  const resign = async (changes, jwk = key) => new jose.SignJWT({ ...claims, ...changes })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .sign(await jose.importJWK(jwk, 'RS256'));
  const now = Math.floor(Date.now() / 1000);
  switch (how) {
    case 'payload': {
      const forged = Buffer.from(JSON.stringify({ ...claims, groups: ['RJH-Rodtrad-Admin'] }));
      return `${header}.${forged.toString('base64url')}.${signature}`;
    }
    case 'foreign-key': return resign({}, foreignKey);
    case 'expired': return resign({ iat: now - 7200, exp: now - 3600 });
    case 'audience': return resign({ aud: 'en-annan-klient', azp: 'en-annan-klient' });
    case 'nonce': return resign({ nonce: 'en-annan-nonce' });
    case 'unsigned': {
      const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
      return `${none}.${payload}.`;
    }
    default: return idToken;
  }
}

provider.use(async (ctx, next) => {
  await next();
  const how = state().tamper;
  if (how && ctx.path === '/token' && ctx.body && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: await tampered(ctx.body.id_token, how) };
  }
});

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
