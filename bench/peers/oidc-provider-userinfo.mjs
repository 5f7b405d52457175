/**
 * panva's oidc-provider serving UserInfo (`GET /me`) to an opaque access token it issued itself,
 * kept by its default memory adapter: one client, one account with a few claims. Prints
 * `TOKEN <token>` once listening on 127.0.0.1.
 *   node oidc-provider-userinfo.mjs <port>
 */
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const clientId = 'bench-client';
const accountId = 'bench-user';

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: 'bench-client-secret-0123456789abcdef',
      grant_types: ['authorization_code'],
      redirect_uris: ['https://client.example/callback'],
      response_types: ['code'],
    },
  ],
  cookies: { keys: ['benchmark-cookie-key-benchmark-cookie-key'] },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
  features: { devInteractions: { enabled: false } },
  ttl: { Grant: 86_400, AccessToken: 86_400 },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      claims: () => ({
        sub: id,
        name: 'Bench User',
        preferred_username: 'bench-user',
        email: 'bench-user@example.com',
        email_verified: true,
      }),
    };
  },
});

const client = await provider.Client.find(clientId);
const grant = new provider.Grant({ accountId, clientId });
grant.addOIDCScope('openid profile email');
const grantId = await grant.save();
const accessToken = new provider.AccessToken({ accountId, client, grantId, scope: 'openid profile email' });
const token = await accessToken.save();

createServer(provider.callback()).listen(port, '127.0.0.1', () => console.log(`TOKEN ${token}`));
