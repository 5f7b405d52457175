import { yAddress } from './addresses.ts';
import { basic, call } from './http.ts';
import type { Deployment } from './seed.ts';

export const PROBES = ['health', 'sign-in', 'token'] as const;
export type Probe = (typeof PROBES)[number];

/** How long one of Y's requests may take before it counts as failed (and the server as not answering). */
export const PROBE_TIMEOUT_MS = 5_000;

export interface Sample {
  ms: number;
  ok: boolean;
}

export type Samples = Record<Probe, Sample[]>;

/** Y's three requests: each answers whether it succeeded. */
const requests: Record<Probe, (deployment: Deployment) => Promise<boolean>> = {
  async health({ url }) {
    return (await call(url, '/api/health', { from: yAddress(), timeoutMs: PROBE_TIMEOUT_MS })).status === 200;
  },
  async 'sign-in'({ url, yUser }) {
    const answer = await call(url, '/api/login', {
      from: yAddress(),
      body: { ...yUser, type: 'login' },
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    return answer.json?.status === 'ok';
  },
  async token({ url, yClient }) {
    const answer = await call(url, '/api/login/oauth/access_token', {
      from: yAddress(),
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'read' }),
      headers: { authorization: basic(yClient.id, yClient.secret) },
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    return answer.status === 200 && typeof answer.json?.access_token === 'string';
  },
};

/**
 * Organization Y's client for `seconds`: health, a password sign-in and a client_credentials
 * token, one after another, over and over. A request that fails or times out is a sample of its
 * full time marked not ok. The last round may end up to one timeout after the window.
 */
export async function measureY(deployment: Deployment, seconds: number): Promise<Samples> {
  const samples: Samples = { health: [], 'sign-in': [], token: [] };
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (const probe of PROBES) samples[probe].push(await probeOnce(deployment, probe));
  }
  return samples;
}

/** One of Y's requests, timed. */
export async function probeOnce(deployment: Deployment, probe: Probe): Promise<Sample> {
  const started = performance.now();
  let ok: boolean;
  try {
    ok = await requests[probe](deployment);
  } catch {
    ok = false;
  }
  return { ms: performance.now() - started, ok };
}
