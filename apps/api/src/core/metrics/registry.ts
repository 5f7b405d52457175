/**
 * A small Prometheus registry: counters, gauges read at render time, and histograms with labels,
 * written in the text exposition format (version 0.0.4).
 */

type Labels = Record<string, string>;

const escapeLabelValue = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function labelText(names: readonly string[], values: readonly string[], extra?: [string, string]): string {
  const pairs = names.map((name, index) => `${name}="${escapeLabelValue(values[index] ?? '')}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
}

function formatNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  return String(value);
}

interface Metric {
  render(): string;
}

/** Keeps one series per distinct set of label values, in the order the label names were declared. */
class Series<T> {
  private readonly entries = new Map<string, { values: string[]; state: T }>();
  constructor(
    private readonly labelNames: readonly string[],
    private readonly initial: () => T,
  ) {}

  get(labels: Labels): T {
    const values = this.labelNames.map((name) => labels[name] ?? '');
    const key = values.join('\u0000');
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { values, state: this.initial() };
      this.entries.set(key, entry);
    }
    return entry.state;
  }

  find(labels: Labels): T | undefined {
    return this.entries.get(this.labelNames.map((name) => labels[name] ?? '').join('\u0000'))?.state;
  }

  all(): { values: string[]; state: T }[] {
    return [...this.entries.values()];
  }
}

export class Counter<L extends string = never> implements Metric {
  private readonly series: Series<{ value: number }>;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[] = [],
  ) {
    this.series = new Series(labelNames, () => ({ value: 0 }));
  }

  inc(labels: Record<L, string> = {} as Record<L, string>, amount = 1): void {
    this.series.get(labels).value += amount;
  }

  /**
   * The series of these label values, to count into directly (`.value += 1`) on a hot path: look it
   * up once and keep it, and no label key is built per count.
   */
  seriesOf(labels: Record<L, string>): { value: number } {
    return this.series.get(labels);
  }

  /** The current value; 0 for label values never counted. */
  value(labels: Record<L, string> = {} as Record<L, string>): number {
    return this.series.find(labels)?.value ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} counter`];
    for (const { values, state } of this.series.all())
      lines.push(`${this.name}${labelText(this.labelNames, values)} ${formatNumber(state.value)}`);
    return lines.join('\n');
  }
}

/** A gauge whose value is read when the metrics are rendered. */
export class Gauge implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => { labels?: Labels; value: number }[],
  ) {}

  render(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} gauge`];
    for (const { labels = {}, value } of this.read()) {
      const names = Object.keys(labels);
      lines.push(
        `${this.name}${labelText(
          names,
          names.map((name) => labels[name]!),
        )} ${formatNumber(value)}`,
      );
    }
    return lines.join('\n');
  }
}

/** One histogram series: how many values fell into each bucket (and above the last), their sum and count. */
export interface HistogramSeries {
  /** Per bucket, the values above the bucket before it and at most its bound; the last entry: above every bound. */
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram<L extends string = never> implements Metric {
  private readonly series: Series<HistogramSeries>;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
    readonly buckets: readonly number[],
  ) {
    if (buckets.some((bound, index) => index > 0 && bound <= buckets[index - 1]!))
      throw new Error(`${name}: buckets must increase`);
    this.series = new Series(labelNames, () => ({ counts: new Array(buckets.length + 1).fill(0), sum: 0, count: 0 }));
  }

  observe(labels: Record<L, string>, value: number): void {
    this.observeInto(this.series.get(labels), value);
  }

  /** The series of these label values, to observe into (observeInto) on a hot path; see Counter.seriesOf. */
  seriesOf(labels: Record<L, string>): HistogramSeries {
    return this.series.get(labels);
  }

  /** One value: one bucket counted (the cumulative counts are summed when rendered). */
  observeInto(series: HistogramSeries, value: number): void {
    let index = 0;
    while (index < this.buckets.length && value > this.buckets[index]!) index++;
    series.counts[index]!++;
    series.sum += value;
    series.count++;
  }

  /** How many values were observed; 0 for label values never seen. */
  count(labels: Record<L, string>): number {
    return this.series.find(labels)?.count ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} histogram`];
    for (const { values, state } of this.series.all()) {
      let cumulative = 0;
      this.buckets.forEach((bound, index) => {
        cumulative += state.counts[index]!;
        lines.push(
          `${this.name}_bucket${labelText(this.labelNames, values, ['le', formatNumber(bound)])} ${cumulative}`,
        );
      });
      lines.push(`${this.name}_bucket${labelText(this.labelNames, values, ['le', '+Inf'])} ${state.count}`);
      lines.push(`${this.name}_sum${labelText(this.labelNames, values)} ${formatNumber(state.sum)}`);
      lines.push(`${this.name}_count${labelText(this.labelNames, values)} ${state.count}`);
    }
    return lines.join('\n');
  }
}

/** Renders every registered metric, in registration order, as one exposition document. */
export class Registry {
  private readonly metrics: Metric[] = [];

  register<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }

  render(): string {
    return `${this.metrics.map((metric) => metric.render()).join('\n')}\n`;
  }
}
