import { type AppKind, isConfidential, type Library } from './app-kinds';

/** What the examples are filled in with: this server's discovery, the application's client ID and redirect URI. */
export interface SnippetInput {
  issuer: string;
  /** The application's own discovery document (its JWKS holds the key it signs with). */
  discoveryUrl: string;
  tokenEndpoint: string;
  jwksUri: string;
  clientId: string;
  redirectUri: string;
  organization: string;
  application: string;
}

/** Where confidential examples read the client secret from; a secret is never written into an example. */
export const SECRET_VARIABLE = 'LATCHKEY_CLIENT_SECRET';

const SCOPE = 'openid profile email';

/** A string literal of Go or Python (JSON's escapes are valid in both). */
const quote = (value: string) => JSON.stringify(value);

/** A single-quoted JavaScript string literal. */
const js = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

const isHttp = (url: string) => url.startsWith('http://');

function pathOf(uri: string): string {
  try {
    return new URL(uri).pathname || '/';
  } catch {
    return '/callback';
  }
}

function originOf(uri: string): string {
  try {
    return new URL(uri).origin;
  } catch {
    return 'http://localhost:3000';
  }
}

/** openid-client's discovery call, for a confidential (secret) or public (PKCE only) client. */
function openidClientDiscovery(input: SnippetInput, confidential: boolean): string {
  // Each argument on its own line, with a comment where it needs one.
  const args: [string, string?][] = [[`new URL(${js(input.discoveryUrl)})`], [js(input.clientId)]];
  if (confidential) args.push([`process.env.${SECRET_VARIABLE}`]);
  else args.push(['undefined'], ['client.None()', 'a public client: no secret, PKCE proves it']);
  if (isHttp(input.discoveryUrl)) {
    if (confidential) args.push(['undefined']);
    args.push(['{ execute: [client.allowInsecureRequests] }', 'only because the server is reached over http://']);
  }
  const lines = args.map(([arg, comment]) => `  ${arg},${comment ? ` // ${comment}` : ''}`);
  return `const config = await client.discovery(\n${lines.join('\n')}\n);`;
}

function openidClientM2m(input: SnippetInput): string {
  return `// npm install openid-client@6
// Run with: ${SECRET_VARIABLE}=… node client-credentials.mjs
import * as client from 'openid-client';

${openidClientDiscovery(input, true)}

const tokens = await client.clientCredentialsGrant(config);
console.log(\`Access token (expires in \${tokens.expires_in} s): \${tokens.access_token}\`);
// Call your API with it: fetch(url, { headers: { authorization: \`Bearer \${tokens.access_token}\` } })
`;
}

function openidClientWeb(input: SnippetInput): string {
  return `// npm install openid-client@6
// Run with: ${SECRET_VARIABLE}=… node server.mjs
import { createServer } from 'node:http';
import * as client from 'openid-client';

const redirectUri = ${js(input.redirectUri)};
${openidClientDiscovery(input, true)}

// One sign-in at a time for this example: a real server keeps these in the user's session.
const codeVerifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const authorizationUrl = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri,
  scope: ${js(SCOPE)},
  code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
  code_challenge_method: 'S256',
  state,
});

const callback = new URL(redirectUri);
const server = createServer(async (request, response) => {
  const current = new URL(request.url, callback);
  if (current.pathname !== callback.pathname) return response.writeHead(404).end();
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
    });
    const user = await client.fetchUserInfo(config, tokens.access_token, tokens.claims().sub);
    console.log(\`Signed in as \${user.preferred_username}\`);
    response.end(\`Signed in as \${user.preferred_username}\`);
  } catch (error) {
    console.error(error);
    response.writeHead(400).end('Sign-in failed');
  }
  server.close();
});
server.listen(Number(callback.port) || (callback.protocol === 'https:' ? 443 : 80), () =>
  console.log(\`Sign in at \${authorizationUrl.href}\`),
);
`;
}

function openidClientNative(input: SnippetInput): string {
  return `// npm install openid-client@6
// Run with: node sign-in.mjs
import { createServer } from 'node:http';
import * as client from 'openid-client';

${openidClientDiscovery(input, false)}

// A loopback redirect URI: the app listens on any free port and the server accepts it (RFC 8252).
const registered = new URL(${js(input.redirectUri)});
const codeVerifier = client.randomPKCECodeVerifier();
const state = client.randomState();

let redirectUri;
const server = createServer(async (request, response) => {
  const current = new URL(request.url, redirectUri);
  if (current.pathname !== registered.pathname) return response.writeHead(404).end();
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
    });
    const user = await client.fetchUserInfo(config, tokens.access_token, tokens.claims().sub);
    console.log(\`Signed in as \${user.preferred_username}\`);
    response.end('Signed in. You can close this tab.');
  } catch (error) {
    console.error(error);
    response.writeHead(400).end('Sign-in failed');
  }
  server.close();
});
server.listen(0, registered.hostname.replace(/^\\[|\\]$/g, ''), async () => {
  redirectUri = new URL(registered);
  redirectUri.port = String(server.address().port);
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri.href,
    scope: ${js(SCOPE)},
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
  });
  console.log(\`Sign in at \${authorizationUrl.href}\`);
});
`;
}

function openidClientSpa(input: SnippetInput): string {
  return `// npm install openid-client@6 — in the browser, bundled with your app
import * as client from 'openid-client';

${openidClientDiscovery(input, false)}
const redirectUri = ${js(input.redirectUri)};

const here = new URL(window.location.href);
if (here.pathname === new URL(redirectUri).pathname && here.searchParams.has('code')) {
  const tokens = await client.authorizationCodeGrant(config, here, {
    pkceCodeVerifier: sessionStorage.getItem('pkce_verifier'),
    expectedState: sessionStorage.getItem('oauth_state'),
  });
  sessionStorage.removeItem('pkce_verifier');
  sessionStorage.removeItem('oauth_state');
  const user = await client.fetchUserInfo(config, tokens.access_token, tokens.claims().sub);
  console.log(\`Signed in as \${user.preferred_username}\`);
} else {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  sessionStorage.setItem('pkce_verifier', codeVerifier);
  sessionStorage.setItem('oauth_state', state);
  window.location.assign(
    client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: ${js(SCOPE)},
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
    }),
  );
}
`;
}

function casdoorJsSdk(input: SnippetInput): string {
  return `// npm install casdoor-js-sdk
import Sdk from 'casdoor-js-sdk';

// Served from ${originOf(input.redirectUri)}; a public client: PKCE, no secret.
const sdk = new Sdk({
  serverUrl: ${js(input.issuer)},
  clientId: ${js(input.clientId)},
  organizationName: ${js(input.organization)},
  appName: ${js(input.application)},
  redirectPath: ${js(pathOf(input.redirectUri))},
  scope: ${js(SCOPE)},
});

if (window.location.pathname === ${js(pathOf(input.redirectUri))}) {
  const tokens = await sdk.exchangeForAccessToken();
  const user = await sdk.getUserInfo(tokens.access_token);
  console.log(\`Signed in as \${user.preferred_username}\`);
} else {
  document.querySelector('#sign-in').addEventListener('click', () => sdk.signin_redirect());
}
`;
}

function authJs(input: SnippetInput): string {
  return `// auth.ts — npm install next-auth@beta
// .env.local: AUTH_SECRET=… (npx auth secret) and ${SECRET_VARIABLE}=…
// Register ${originOf(input.redirectUri)}/api/auth/callback/latchkey as a redirect URI.
import NextAuth from 'next-auth';

export const { handlers, auth, signIn, signOut } = NextAuth({
  providers: [
    {
      id: 'latchkey',
      name: 'Latchkey',
      type: 'oidc',
      issuer: ${js(input.issuer)},
      clientId: ${js(input.clientId)},
      clientSecret: process.env.${SECRET_VARIABLE},
      authorization: { params: { scope: ${js(SCOPE)} } },
      checks: ['pkce', 'state'],
    },
  ],
});

// app/api/auth/[...nextauth]/route.ts
// import { handlers } from '@/auth';
// export const { GET, POST } = handlers;
`;
}

function goWeb(input: SnippetInput, confidential: boolean): string {
  const listen = confidential
    ? `	log.Fatal(http.ListenAndServe(${quote(`:${portOf(input.redirectUri)}`)}, nil))`
    : `	fmt.Println("Sign in at", config.AuthCodeURL(state, oauth2.S256ChallengeOption(codeVerifier)))
	log.Fatal(http.Serve(listener, nil))`;
  const redirect = confidential
    ? `	redirectURL := ${quote(input.redirectUri)}`
    : `	// A loopback redirect URI: any free port is accepted (RFC 8252).
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	redirectURL := fmt.Sprintf("http://127.0.0.1:%d%s", listener.Addr().(*net.TCPAddr).Port, ${quote(pathOf(input.redirectUri))})`;
  const endpoint = confidential
    ? `provider.Endpoint()`
    : `oauth2.Endpoint{AuthURL: provider.Endpoint().AuthURL, TokenURL: provider.Endpoint().TokenURL, AuthStyle: oauth2.AuthStyleInParams}`;
  const scopes = '[]string{oidc.ScopeOpenID, "profile", "email"}';
  return `// go get golang.org/x/oauth2 github.com/coreos/go-oidc/v3/oidc
package main

import (
	"context"
	"fmt"
	"log"
${confidential ? '' : '\t"net"\n'}	"net/http"
${confidential ? '\t"os"\n' : ''}
	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

func main() {
	ctx := context.Background()
	provider, err := oidc.NewProvider(ctx, ${quote(input.issuer)})
	if err != nil {
		log.Fatal(err)
	}
	// The keys this application's tokens are signed with.
	verifier := oidc.NewVerifier(${quote(input.issuer)}, oidc.NewRemoteKeySet(ctx, ${quote(input.jwksUri)}), &oidc.Config{ClientID: ${quote(input.clientId)}})
${redirect}
	config := oauth2.Config{
${(confidential
  ? [
      ['ClientID', quote(input.clientId)],
      ['ClientSecret', `os.Getenv(${quote(SECRET_VARIABLE)})`],
      ['Endpoint', endpoint],
      ['RedirectURL', 'redirectURL'],
      ['Scopes', scopes],
    ]
  : [
      ['ClientID', quote(input.clientId)],
      ['Endpoint', endpoint],
      ['RedirectURL', 'redirectURL'],
      ['Scopes', scopes],
    ]
)
  .map(([field, value]) => `\t\t${`${field}:`.padEnd(confidential ? 14 : 13)}${value},`)
  .join('\n')}
	}
	// One sign-in at a time for this example: a real server keeps these in the user's session.
	state := oauth2.GenerateVerifier() // any unguessable value
	codeVerifier := oauth2.GenerateVerifier()

	http.HandleFunc(${quote(pathOf(input.redirectUri))}, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("state") != state {
			http.Error(w, "unexpected state", http.StatusBadRequest)
			return
		}
		token, err := config.Exchange(r.Context(), r.URL.Query().Get("code"), oauth2.VerifierOption(codeVerifier))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		rawIDToken, _ := token.Extra("id_token").(string)
		idToken, err := verifier.Verify(r.Context(), rawIDToken)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var claims struct {
			Name  string \`json:"preferred_username"\`
			Email string \`json:"email"\`
		}
		_ = idToken.Claims(&claims)
		fmt.Fprintf(w, "Signed in as %s\\n", claims.Name)
	})
${
  confidential && pathOf(input.redirectUri) !== '/'
    ? `	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, config.AuthCodeURL(state, oauth2.S256ChallengeOption(codeVerifier)), http.StatusFound)
	})
`
    : ''
}${listen}
}
`;
}

function portOf(uri: string): string {
  try {
    const url = new URL(uri);
    return url.port || (url.protocol === 'https:' ? '443' : '80');
  } catch {
    return '3000';
  }
}

function goM2m(input: SnippetInput): string {
  return `// go get golang.org/x/oauth2
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"golang.org/x/oauth2/clientcredentials"
)

func main() {
	config := clientcredentials.Config{
		ClientID:     ${quote(input.clientId)},
		ClientSecret: os.Getenv(${quote(SECRET_VARIABLE)}),
		TokenURL:     ${quote(input.tokenEndpoint)},
	}
	token, err := config.Token(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Access token, valid until", token.Expiry)
	// config.Client(ctx) is an *http.Client that sends the token and renews it when it expires.
}
`;
}

/** Authlib refuses plain http except on loopback; a development server reached over http needs this. */
function authlibInsecure(input: SnippetInput): string {
  return isHttp(input.issuer)
    ? `os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # only because the server is reached over http://\n`
    : '';
}

function authlibWeb(input: SnippetInput): string {
  return `# pip install Authlib Flask requests
# Run with: ${SECRET_VARIABLE}=… FLASK_SECRET_KEY=… flask --app app run --port ${portOf(input.redirectUri)}
import os

from authlib.integrations.flask_client import OAuth
from flask import Flask

${authlibInsecure(input)}app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
oauth = OAuth(app)
oauth.register(
    "latchkey",
    client_id=${quote(input.clientId)},
    client_secret=os.environ[${quote(SECRET_VARIABLE)}],
    server_metadata_url=${quote(input.discoveryUrl)},
    client_kwargs={"scope": ${quote(SCOPE)}, "code_challenge_method": "S256"},
)


@app.route("/")
def sign_in():
    return oauth.latchkey.authorize_redirect(${quote(input.redirectUri)})


@app.route(${quote(pathOf(input.redirectUri))})
def callback():
    token = oauth.latchkey.authorize_access_token()
    return f"Signed in as {token['userinfo']['preferred_username']}"
`;
}

function authlibNative(input: SnippetInput): string {
  return `# pip install Authlib requests
import http.server
${isHttp(input.issuer) ? 'import os\n' : ''}import webbrowser

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session

${authlibInsecure(input)}metadata = requests.get(${quote(input.discoveryUrl)}, timeout=10).json()


class Callback(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.callback_path = self.path
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"Signed in. You can close this tab.")


# A loopback redirect URI: any free port is accepted (RFC 8252).
server = http.server.HTTPServer(("127.0.0.1", 0), Callback)
redirect_uri = f"http://127.0.0.1:{server.server_port}${pathOf(input.redirectUri)}"
# A public client: no secret, PKCE proves it.
client = OAuth2Session(
    ${quote(input.clientId)},
    scope=${quote(SCOPE)},
    redirect_uri=redirect_uri,
    code_challenge_method="S256",
    token_endpoint_auth_method="none",
)
code_verifier = generate_token(48)
url, state = client.create_authorization_url(metadata["authorization_endpoint"], code_verifier=code_verifier)
print("Sign in at", url)
webbrowser.open(url)
server.handle_request()
token = client.fetch_token(
    metadata["token_endpoint"],
    authorization_response=f"http://127.0.0.1:{server.server_port}{server.callback_path}",
    state=state,
    code_verifier=code_verifier,
)
print(client.get(metadata["userinfo_endpoint"]).json())
`;
}

function authlibM2m(input: SnippetInput): string {
  return `# pip install Authlib requests
# Run with: ${SECRET_VARIABLE}=… python client_credentials.py
import os

import requests
from authlib.integrations.requests_client import OAuth2Session

${authlibInsecure(input)}metadata = requests.get(${quote(input.discoveryUrl)}, timeout=10).json()
client = OAuth2Session(${quote(input.clientId)}, os.environ[${quote(SECRET_VARIABLE)}])
token = client.fetch_token(metadata["token_endpoint"], grant_type="client_credentials")
print("Access token, expires in", token["expires_in"], "s")
# client.get(url) now sends the token.
`;
}

/** The example of a library for a kind of application, or nothing when that library does not fit the kind. */
export function snippet(kind: AppKind, library: Library, input: SnippetInput): string | undefined {
  switch (library) {
    case 'casdoor-js-sdk':
      return kind === 'spa' ? casdoorJsSdk(input) : undefined;
    case 'openid-client':
      return { spa: openidClientSpa, web: openidClientWeb, native: openidClientNative, m2m: openidClientM2m }[kind](
        input,
      );
    case 'authjs':
      return kind === 'web' ? authJs(input) : undefined;
    case 'go':
      if (kind === 'm2m') return goM2m(input);
      return kind === 'spa' ? undefined : goWeb(input, isConfidential(kind));
    case 'authlib':
      if (kind === 'm2m') return authlibM2m(input);
      if (kind === 'native') return authlibNative(input);
      return kind === 'web' ? authlibWeb(input) : undefined;
  }
}

/** The language a library's example is written in (the code block's label). */
export const snippetLanguage: Record<Library, string> = {
  'casdoor-js-sdk': 'JavaScript',
  'openid-client': 'JavaScript',
  authjs: 'TypeScript',
  go: 'Go',
  authlib: 'Python',
};
