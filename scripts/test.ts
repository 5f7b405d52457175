/**
 * Runs every test suite of the repository and ends with one line: "N passed, N failed".
 *
 *   bun scripts/test.ts                 all suites on the embedded SQLite database
 *   bun scripts/test.ts --postgres URL  the database and API suites again, on that Postgres server
 *   bun scripts/test.ts --only api,db   some suites
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Suite {
  name: string;
  cwd: string;
  command: string[];
  /** How to read its counts from its output. */
  reader: 'bun' | 'playwright' | 'exit';
  /** Also run against Postgres in the second pass. */
  postgres: boolean;
  timeoutMinutes: number;
}

const root = join(import.meta.dir, '..');
const bunTest = (extra: string[] = []) => ['bun', 'test', '--timeout', '60000', ...extra];

const suites: Suite[] = [
  {
    name: 'typecheck',
    cwd: '.',
    command: ['bun', 'scripts/typecheck.ts'],
    reader: 'exit',
    postgres: false,
    timeoutMinutes: 10,
  },
  // Formatting and lint rules (biome.jsonc); a warning fails it too. Counted as one test, like the typecheck.
  {
    name: 'lint',
    cwd: '.',
    command: ['bun', 'x', 'biome', 'ci', '--error-on-warnings', '--colors=off', '.'],
    reader: 'exit',
    postgres: false,
    timeoutMinutes: 5,
  },
  { name: 'i18n', cwd: 'packages/i18n', command: bunTest(), reader: 'bun', postgres: false, timeoutMinutes: 5 },
  { name: 'db', cwd: 'packages/db', command: bunTest(), reader: 'bun', postgres: true, timeoutMinutes: 5 },
  { name: 'api', cwd: 'apps/api', command: bunTest(), reader: 'bun', postgres: true, timeoutMinutes: 20 },
  { name: 'e2e-api', cwd: 'e2e', command: bunTest(['api']), reader: 'bun', postgres: true, timeoutMinutes: 20 },
  {
    name: 'e2e-admin',
    cwd: 'e2e',
    command: ['bun', 'x', 'playwright', 'test'],
    reader: 'playwright',
    postgres: false,
    // About 17 minutes on a quiet 2-core machine (the accessibility spec alone takes 6); room for a loaded one.
    timeoutMinutes: 40,
  },
];

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const postgresUrl = option('--postgres');
const only = option('--only')?.split(',');
const selected = suites.filter((suite) => (only ? only.includes(suite.name) : postgresUrl ? suite.postgres : true));

function countBun(output: string): { passed: number; failed: number } | undefined {
  const pass = [...output.matchAll(/^\s*(\d+) pass\s*$/gm)].at(-1);
  const fail = [...output.matchAll(/^\s*(\d+) fail\s*$/gm)].at(-1);
  if (!pass && !fail) return undefined;
  return { passed: Number(pass?.[1] ?? 0), failed: Number(fail?.[1] ?? 0) };
}

/** Names of the failed tests in bun's output (which lists them twice), so the end of the run says which ones they were. */
function failedBunTests(output: string): string[] {
  return [...new Set([...output.matchAll(/^\(fail\) (.+?)(?: \[[\d.]+m?s\])?$/gm)].map((match) => match[1]!))];
}

interface PlaywrightSuite {
  title: string;
  specs?: { title: string; ok: boolean }[];
  suites?: PlaywrightSuite[];
}

function failedPlaywrightTests(reportFile: string): string[] {
  if (!existsSync(reportFile)) return [];
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { suites?: PlaywrightSuite[] };
  const walk = (suite: PlaywrightSuite, path: string[]): string[] => [
    ...(suite.specs ?? []).filter((spec) => !spec.ok).map((spec) => [...path, spec.title].join(' > ')),
    ...(suite.suites ?? []).flatMap((child) => walk(child, [...path, child.title])),
  ];
  return (report.suites ?? []).flatMap((suite) => walk(suite, [suite.title]));
}

function countPlaywright(reportFile: string): { passed: number; failed: number } | undefined {
  if (!existsSync(reportFile)) return undefined;
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    stats?: { expected: number; unexpected: number; flaky: number };
  };
  if (!report.stats) return undefined;
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}

let passed = 0;
let failed = 0;
const rows: string[] = [];
const failures: string[] = [];
for (const suite of selected) {
  const cwd = join(root, suite.cwd);
  if (!existsSync(cwd)) continue;
  if (suite.reader === 'playwright' && !existsSync(join(cwd, 'playwright.config.ts'))) continue;
  if (suite.reader === 'bun' && suite.name === 'e2e-api' && !existsSync(join(cwd, 'api'))) continue;
  const reportDir = join(root, 'e2e', 'test-results');
  mkdirSync(reportDir, { recursive: true });
  const reportFile = join(reportDir, 'report.json');
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    TURBO_TELEMETRY_DISABLED: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile,
  };
  if (postgresUrl) env.LATCHKEY_TEST_DATABASE_URL = postgresUrl;
  else if (!option('--keep-database-url')) delete env.LATCHKEY_TEST_DATABASE_URL;
  const label = `${suite.name}${postgresUrl ? ' (postgres)' : ''}`;
  process.stdout.write(`\n=== ${label}: ${suite.command.join(' ')} (in ${suite.cwd})\n`);
  const started = performance.now();
  const child = Bun.spawn(suite.command, { cwd, env, stdout: 'pipe', stderr: 'pipe' });
  const timer = setTimeout(() => child.kill(), suite.timeoutMinutes * 60_000);
  const decoder = new TextDecoder();
  let output = '';
  const pump = async (stream: ReadableStream<Uint8Array>, sink: NodeJS.WriteStream) => {
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      output += text;
      sink.write(text);
    }
  };
  await Promise.all([pump(child.stdout, process.stdout), pump(child.stderr, process.stderr), child.exited]);
  clearTimeout(timer);
  const exitCode = child.exitCode ?? 1;
  let counts =
    suite.reader === 'bun' ? countBun(output) : suite.reader === 'playwright' ? countPlaywright(reportFile) : undefined;
  if (!counts) counts = exitCode === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  // A runner that crashed or timed out after counting must still fail.
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  const names =
    suite.reader === 'bun'
      ? failedBunTests(output)
      : suite.reader === 'playwright'
        ? failedPlaywrightTests(reportFile)
        : [];
  failures.push(...names.map((name) => `FAILED ${label}: ${name}`));
  if (counts.failed > names.length)
    failures.push(`FAILED ${label}: ${exitCode !== 0 ? `exit code ${exitCode}` : 'unnamed tests'}`);
  passed += counts.passed;
  failed += counts.failed;
  rows.push(
    `${label.padEnd(22)} ${String(counts.passed).padStart(5)} passed ${String(counts.failed).padStart(4)} failed  ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
}

const failureList = failures.length > 0 ? `\n${failures.join('\n')}\n` : '';
process.stdout.write(`\n${rows.join('\n')}\n${failureList}\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
