import { version } from '../version.ts';
import { Counter, Gauge, Histogram, type HistogramSeries, Registry } from './registry.ts';

/** Why a sign-in was refused: wrong or unknown credentials, a locked account, or a forbidden user. */
export type SigninFailureReason = 'wrong_credentials' | 'locked' | 'forbidden';

/**
 * What came of one attempt to send a webhook or logout notification: delivered (2xx), rejected (an
 * answer that is not retried), refused (an address that may not be reached), retrying, given_up.
 */
export type DeliveryOutcome = 'delivered' | 'rejected' | 'refused' | 'retrying' | 'given_up' | 'dropped';

const startedAtSeconds = Math.floor(Date.now() / 1000);

/** Request latency buckets in seconds, from 5 ms (a cached read) to 10 s. */
export const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

function createMetrics() {
  const registry = new Registry();
  const requests = registry.register(
    new Counter('latchkey_http_requests_total', 'HTTP requests answered, by method, route pattern and status code.', [
      'method',
      'route',
      'status',
    ]),
  );
  const latency = registry.register(
    new Histogram(
      'latchkey_http_request_duration_seconds',
      'Time from receiving a request to answering it, by method and route pattern.',
      ['method', 'route'],
      latencyBuckets,
    ),
  );
  const tokensIssued = registry.register(
    new Counter('latchkey_tokens_issued_total', 'Access tokens issued, by OAuth grant type.', ['grant_type']),
  );
  const signinFailures = registry.register(
    new Counter(
      'latchkey_signin_failures_total',
      'Refused password sign-ins, by reason (wrong_credentials, locked, forbidden).',
      ['reason'],
    ),
  );
  const deliveryAttempts = registry.register(
    new Counter(
      'latchkey_outbound_deliveries_total',
      'Attempts to send webhooks and logout notifications, by kind and outcome (delivered, rejected, refused, retrying, given_up; dropped: not written, the organization having too many waiting).',
      ['kind', 'outcome'],
    ),
  );
  registry.register(
    new Gauge('latchkey_build_info', 'The running Latchkey version (always 1).', () => [
      { labels: { version }, value: 1 },
    ]),
  );
  registry.register(
    new Gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch, in seconds.', () => [
      { value: startedAtSeconds },
    ]),
  );
  registry.register(
    new Gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', () => [
      { value: process.memoryUsage().rss },
    ]),
  );
  registry.register(
    new Gauge('process_heap_bytes', 'JavaScript heap in use, in bytes.', () => [
      { value: process.memoryUsage().heapUsed },
    ]),
  );

  /**
   * The series of each route, method and status, found by plain lookups: the label key of a series
   * is built once, when its first request is counted, not per request.
   */
  interface RouteSeries {
    latency: HistogramSeries;
    byStatus: Map<number, { value: number }>;
  }
  const routeSeries = new Map<string, Map<string, RouteSeries>>();
  function seriesOf(method: string, route: string): RouteSeries {
    let byMethod = routeSeries.get(route);
    if (!byMethod) {
      byMethod = new Map();
      routeSeries.set(route, byMethod);
    }
    let series = byMethod.get(method);
    if (!series) {
      series = { latency: latency.seriesOf({ method, route }), byStatus: new Map() };
      byMethod.set(method, series);
    }
    return series;
  }

  return {
    /** One answered request; `route` is the route pattern (`/api/get-user`), never the raw path. */
    recordRequest(method: string, route: string, status: number, seconds: number): void {
      const series = seriesOf(method, route);
      let answered = series.byStatus.get(status);
      if (!answered) {
        answered = requests.seriesOf({ method, route, status: String(status) });
        series.byStatus.set(status, answered);
      }
      answered.value++;
      latency.observeInto(series.latency, seconds);
    },
    /** One access token issued (call it once per token, wherever a grant issues one). */
    recordTokenIssued(grantType: string): void {
      tokensIssued.inc({ grant_type: grantType || 'unknown' });
    },
    /** One refused password sign-in. */
    recordSigninFailure(reason: SigninFailureReason = 'wrong_credentials'): void {
      signinFailures.inc({ reason });
    },
    /** One attempt of an outbound delivery, and what came of it. */
    recordDeliveryAttempt(kind: string, outcome: DeliveryOutcome): void {
      deliveryAttempts.inc({ kind, outcome });
    },
    requestCount: (method: string, route: string, status: number) =>
      requests.value({ method, route, status: String(status) }),
    latencyCount: (method: string, route: string) => latency.count({ method, route }),
    tokensIssued: (grantType: string) => tokensIssued.value({ grant_type: grantType }),
    signinFailures: (reason: SigninFailureReason) => signinFailures.value({ reason }),
    deliveryAttempts: (kind: string, outcome: DeliveryOutcome) => deliveryAttempts.value({ kind, outcome }),
    /** The Prometheus text exposition of every metric. */
    render: () => registry.render(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * The process's metrics. Counters belong to the process (as Prometheus scrapes a process), so this
 * is one shared instance; services record into it with `metrics.recordTokenIssued(grantType)` and
 * `metrics.recordSigninFailure(reason)`.
 */
export const metrics: Metrics = createMetrics();
