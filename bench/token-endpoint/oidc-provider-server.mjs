/**
 * panva's oidc-provider configured like Latchkey's client-credentials grant: one confidential client
 * (client_secret_basic), JWT access tokens signed with a key of the given algorithm, one hour
 * lifetime. Listens on 127.0.0.1 only.
 *   node oidc-provider-server.mjs <port> <RS256|ES256> <client_id> <client_secret>
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [port, alg, clientId, clientSecret] = process.argv.slice(2);
const { privateKey } =
  alg === 'ES256'
    ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'bench', alg, use: 'sig' };
const resource = 'https://api.example.com/';

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      id_token_signed_response_alg: alg,
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: ['benchmark-cookie-key-benchmark-cookie-key'] },
  clientDefaults: { id_token_signed_response_alg: alg },
  scopes: ['read'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'read',
        audience: resource,
        accessTokenTTL: 3600,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg } },
      }),
    },
  },
});

createServer(provider.callback()).listen(Number(port), '127.0.0.1', () =>
  console.log(`oidc-provider listening on ${port} (${alg})`),
);
