export interface Timing {
  requests: number;
  meanMs: number;
  medianMs: number;
  p95Ms: number;
}

/**
 * Sends the same GET `requests` times, one after another, after `warmup` untimed ones, and answers
 * the latency figures. Every answer must be an "ok" envelope; `check` may look at it once.
 */
export async function measure(
  url: string,
  headers: Record<string, string>,
  options: { requests: number; warmup: number; check?: (body: any) => void },
): Promise<Timing> {
  const once = async () => {
    const response = await fetch(url, { headers });
    const body = await response.json();
    if (body.status !== 'ok') throw new Error(`${url}: ${body.msg}`);
    return body;
  };
  options.check?.(await once());
  for (let i = 0; i < options.warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < options.requests; i++) {
    const started = performance.now();
    await once();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    requests: samples.length,
    meanMs: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
    medianMs: round(samples[Math.floor(samples.length / 2)]!),
    p95Ms: round(samples[Math.floor(samples.length * 0.95)]!),
  };
}
