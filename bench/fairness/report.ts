import type { AttackSummary } from './attack-process.ts';
import { PROBES, type Probe, type Sample, type Samples } from './probe.ts';

/** Latencies under attack may be at most this many times those of idle. */
export const HELD_RATIO = 2;

export interface Figures {
  p50: number;
  p95: number;
  /** Requests per second of the measuring client. */
  perSecond: number;
  failed: number;
  count: number;
}

/** Nearest-rank percentile; a failed request counts with the time it took (its timeout when it hung). */
function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

export function figuresOf(samples: Sample[], seconds: number): Figures {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    perSecond: seconds > 0 ? samples.length / seconds : 0,
    failed: samples.filter((sample) => !sample.ok).length,
    count: samples.length,
  };
}

export interface ProbeComparison {
  probe: Probe;
  idle: Figures;
  attacked: Figures;
  held: boolean;
}

export interface AttackResult {
  name: string;
  title: string;
  probes: ProbeComparison[];
  verdict: Verdict;
  summary?: AttackSummary;
  /** Set-up refusals, a failed start, a restart of the server, the import's report. */
  notes: string[];
}

/**
 * Held when every one of Y's requests held; NOT held when any did not (even if the attack then
 * failed: a server that stops answering fails the attacker too); not run when the attack could not
 * be set up or its process failed while Y was unharmed.
 */
export type Verdict = 'held' | 'NOT held' | 'not run';

export function verdictOf(probes: ProbeComparison[], attackRan: boolean): Verdict {
  if (!attackRan && probes.every((probe) => probe.attacked.count === 0)) return 'not run';
  if (!probes.every((probe) => probe.held)) return 'NOT held';
  return attackRan ? 'held' : 'not run';
}

const showVerdict = (verdict: Verdict) => (verdict === 'held' ? 'held' : `**${verdict}**`);

/**
 * Held: no failed request, and p50 and p95 each within HELD_RATIO × idle, plus `slackMs` (0 unless
 * asked for: sub-millisecond idle figures on a shared machine double with scheduling noise alone).
 */
export function compare(
  idle: Samples,
  attacked: Samples,
  seconds: { idle: number; attacked: number },
  slackMs: number,
): ProbeComparison[] {
  return PROBES.map((probe) => {
    const before = figuresOf(idle[probe], seconds.idle);
    const during = figuresOf(attacked[probe], seconds.attacked);
    const held =
      during.count > 0 &&
      during.failed === 0 &&
      during.p50 <= HELD_RATIO * before.p50 + slackMs &&
      during.p95 <= HELD_RATIO * before.p95 + slackMs;
    return { probe, idle: before, attacked: during, held };
  });
}

const ms = (value: number) =>
  Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const ratio = (during: number, before: number) => `${(during / before).toFixed(1)}×`;

/** The side-by-side table of Y's latencies, one row per attack and request, and the attacker's table. */
export function formatReport(results: AttackResult[], header: string): string {
  const lines = [header, ''];
  lines.push(
    '| attack | Y request | p50 idle → attack (ms) | × | p95 idle → attack (ms) | × | Y req/s idle → attack | failed | verdict |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const result of results) {
    for (const [index, row] of result.probes.entries()) {
      const { idle, attacked } = row;
      lines.push(
        `| ${index === 0 ? result.name : ''} | ${row.probe} | ${ms(idle.p50)} → ${ms(attacked.p50)} | ${ratio(attacked.p50, idle.p50)} | ${ms(idle.p95)} → ${ms(attacked.p95)} | ${ratio(attacked.p95, idle.p95)} | ${idle.perSecond.toFixed(1)} → ${attacked.perSecond.toFixed(1)} | ${attacked.failed}/${attacked.count} | ${showVerdict(row.held ? 'held' : 'NOT held')} |`,
      );
    }
  }
  lines.push('', '| attack | verdict | attacker requests (per s) | attacker outcomes |', '|---|---|---|---|');
  for (const result of results) {
    const summary = result.summary;
    const outcomes = summary
      ? Object.entries(summary.outcomes)
          .sort((a, b) => b[1] - a[1])
          .map(([outcome, count]) => `${count}× ${outcome.replaceAll('|', '/')}`)
          .join('; ')
      : 'no summary (the attack was killed or failed)';
    const rate = summary ? `${summary.requests} (${(summary.requests / summary.seconds).toFixed(1)})` : '–';
    lines.push(`| ${result.name} | ${showVerdict(result.verdict)} | ${rate} | ${outcomes} |`);
  }
  const notes = results.flatMap((result) => result.notes.map((note) => `- ${result.name}: ${note}`));
  if (notes.length > 0) lines.push('', 'Notes:', ...notes);
  return lines.join('\n');
}
