/**
 * Where a CPU profile's time went: self time per function, per file and per area (Latchkey's own
 * layers, each package under node_modules, Bun's native code), and the time spent inside each of
 * Latchkey's functions (inclusive). Reads the `.cpuprofile` that `bun --cpu-prof` writes (Chrome's
 * format).
 *
 *   bun bench/lib/cpu-profile.ts <file.cpuprofile> [--top 25] [--from-ms 0] [--to-ms Infinity]
 *
 * `--from-ms` / `--to-ms` keep the samples taken in that part of the profile (milliseconds from its
 * start), so that start-up is left out. Idle samples are counted apart and left out of the shares.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  /** Milliseconds of samples that were not idle, in the window. */
  busyMs: number;
  idleMs: number;
  byFunction: Share[];
  byFile: Share[];
  byArea: Share[];
  /** Time spent in a function or anything it called, for Latchkey's own functions. */
  inclusive: Share[];
}

const repository = relative(process.cwd(), `${import.meta.dir}/../..`) || '.';
const repositoryRoot = `${import.meta.dir.replace(/\/bench\/lib$/, '')}/`;

/** A script's address, shortened: repository-relative, or `<package>/…` under node_modules. */
function shortFile(url: string): string {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length);
  if (path.startsWith(repositoryRoot)) return path.slice(repositoryRoot.length);
  return path;
}

/** The coarse part of the program a file belongs to. */
function areaOf(file: string): string {
  if (file === '(native)') return '(native)';
  const api = /^apps\/api\/src\/([^/]+)\/(?:([^/]+)\/)?/.exec(file);
  if (api)
    return api[1] === 'features' || api[1] === 'core' || api[1] === 'http'
      ? `api/${api[1]}/${api[2] ?? ''}`
      : `api/${api[1]}`;
  const workspace = /^packages\/([^/]+)\//.exec(file);
  if (workspace) return `packages/${workspace[1]}`;
  const scoped = /^(@[^/]+\/[^/]+|[^/]+)\//.exec(file);
  if (scoped && !file.startsWith('/')) return scoped[1]!;
  return file.startsWith('node:') || file.startsWith('builtin:') || file.startsWith('bun:') ? '(bun builtins)' : file;
}

const functionName = (node: ProfileNode) => {
  const { functionName: name, url, lineNumber } = node.callFrame;
  if (!url) return name || '(anonymous native)';
  return `${name || '(anonymous)'} ${shortFile(url)}:${lineNumber + 1}`;
};

const IDLE = new Set(['(idle)', '(program)']);

export function summarizeProfile(
  profile: CpuProfile,
  window: { fromMs?: number; toMs?: number } = {},
  top = 25,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const fromUs = profile.startTime + (window.fromMs ?? 0) * 1000;
  const toUs = profile.startTime + (window.toMs ?? Number.POSITIVE_INFINITY) * 1000;

  const self = new Map<string, number>();
  const files = new Map<string, number>();
  const areas = new Map<string, number>();
  const inside = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let busyUs = 0;
  let idleUs = 0;
  // Every sample stands for one sampling interval (the median gap between samples). The gaps
  // themselves are wall time: on a shared machine they also hold the time the process waited for
  // the core, which no function spent.
  const gaps = profile.timeDeltas.filter((delta) => delta > 0).sort((a, b) => a - b);
  const us = gaps[Math.floor(gaps.length / 2)] ?? 1000;
  let at = profile.startTime;
  for (let index = 0; index < profile.samples.length; index++) {
    at += profile.timeDeltas[index] ?? 0;
    if (at < fromUs || at > toUs) continue;
    const node = byId.get(profile.samples[index]!);
    if (!node) continue;
    if (IDLE.has(node.callFrame.functionName)) {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const file = shortFile(node.callFrame.url);
    add(self, functionName(node), us);
    add(files, file, us);
    add(areas, areaOf(file), us);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!;
      if (
        !shortFile(frame.callFrame.url).startsWith('apps/') &&
        !shortFile(frame.callFrame.url).startsWith('packages/')
      )
        continue;
      const name = functionName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      add(inside, name, us);
    }
  }
  const ranked = (map: Map<string, number>, count = top): Share[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }));
  return {
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    byFunction: ranked(self),
    byFile: ranked(files),
    byArea: ranked(areas),
    inclusive: ranked(inside),
  };
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** The summary as Markdown tables. */
export function formatSummary(summary: ProfileSummary, title: string): string {
  const table = (heading: string, shares: Share[]) => [
    '',
    `| ${heading} | ms | share |`,
    '|---|---|---|',
    ...shares.map((entry) => `| \`${entry.name}\` | ${entry.ms.toFixed(0)} | ${(entry.share * 100).toFixed(1)} % |`),
  ];
  return [
    `### ${title}`,
    '',
    `${summary.busyMs.toFixed(0)} ms busy, ${summary.idleMs.toFixed(0)} ms idle in the window; shares are of the busy time.`,
    ...table('area (self time)', summary.byArea),
    ...table('file (self time)', summary.byFile),
    ...table('function (self time)', summary.byFunction),
    ...table('Latchkey function (inclusive)', summary.inclusive),
    '',
  ].join('\n');
}

if (import.meta.main) {
  const option = (name: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : undefined;
  };
  const file = process.argv[2];
  if (!file || file.startsWith('--')) {
    process.stderr.write(
      'usage: bun bench/lib/cpu-profile.ts <file.cpuprofile> [--top 25] [--from-ms N] [--to-ms N]\n',
    );
    process.exit(2);
  }
  const summary = summarizeProfile(
    readProfile(file),
    { fromMs: Number(option('from-ms') ?? 0), toMs: Number(option('to-ms') ?? Number.POSITIVE_INFINITY) },
    Number(option('top') ?? 25),
  );
  process.stdout.write(formatSummary(summary, relative(repository, file)));
}
