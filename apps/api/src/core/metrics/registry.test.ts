import { describe, expect, test } from 'bun:test';
import { Counter, Gauge, Histogram, Registry } from './registry.ts';

describe('the Prometheus registry', () => {
  test('renders counters, gauges and histograms in the text exposition format', () => {
    const registry = new Registry();
    const counter = registry.register(new Counter('demo_total', 'Things done.', ['kind']));
    registry.register(new Gauge('demo_temperature', 'A reading.', () => [{ value: 21.5 }]));
    const histogram = registry.register(new Histogram('demo_seconds', 'Durations.', ['route'], [0.1, 1]));
    counter.inc({ kind: 'a' });
    counter.inc({ kind: 'a' }, 2);
    counter.inc({ kind: 'b' });
    histogram.observe({ route: '/x' }, 0.05);
    histogram.observe({ route: '/x' }, 0.5);
    histogram.observe({ route: '/x' }, 3);
    expect(registry.render()).toBe(
      [
        '# HELP demo_total Things done.',
        '# TYPE demo_total counter',
        'demo_total{kind="a"} 3',
        'demo_total{kind="b"} 1',
        '# HELP demo_temperature A reading.',
        '# TYPE demo_temperature gauge',
        'demo_temperature 21.5',
        '# HELP demo_seconds Durations.',
        '# TYPE demo_seconds histogram',
        'demo_seconds_bucket{route="/x",le="0.1"} 1',
        'demo_seconds_bucket{route="/x",le="1"} 2',
        'demo_seconds_bucket{route="/x",le="+Inf"} 3',
        'demo_seconds_sum{route="/x"} 3.55',
        'demo_seconds_count{route="/x"} 3',
        '',
      ].join('\n'),
    );
    expect(counter.value({ kind: 'a' })).toBe(3);
    expect(counter.value({ kind: 'never' })).toBe(0);
    expect(histogram.count({ route: '/x' })).toBe(3);
  });

  test('label values are escaped; a metric without series still declares itself', () => {
    const registry = new Registry();
    const counter = registry.register(new Counter('odd_total', 'Odd "labels"\nand lines.', ['value']));
    registry.register(new Counter('empty_total', 'Nothing yet.'));
    counter.inc({ value: 'a"b\\c\nd' });
    expect(registry.render()).toBe(
      [
        '# HELP odd_total Odd "labels"\\nand lines.',
        '# TYPE odd_total counter',
        'odd_total{value="a\\"b\\\\c\\nd"} 1',
        '# HELP empty_total Nothing yet.',
        '# TYPE empty_total counter',
        '',
      ].join('\n'),
    );
  });

  test('histogram buckets must increase', () => {
    expect(() => new Histogram('bad_seconds', 'x', [], [1, 1])).toThrow('buckets must increase');
  });
});
