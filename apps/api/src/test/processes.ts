import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/*
 * What Linux's /proc tells about processes, for tests about the processes a server starts. A
 * process that has exited but was not reaped yet (a zombie, state Z: its adoptive parent may never
 * reap it in a container) runs nothing and counts as gone.
 */

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // gone meanwhile, or not ours to read
  }
}

/** Its state letter and parent, from /proc/<pid>/stat (whose command name may hold spaces and parentheses). */
function statOf(pid: number): { state: string; ppid: number } | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: state ?? '', ppid: Number(ppid) };
}

/** True while the process exists and has not exited. */
export function isRunning(pid: number): boolean {
  const stat = statOf(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** The running processes whose command line holds `word` and whose environment holds `variable`. */
export function runningProcesses(word: string, variable?: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      const commandLine = read(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
      if (!commandLine.includes(word) || !isRunning(pid)) return false;
      return variable === undefined || (read(`/proc/${pid}/environ`)?.split('\0') ?? []).includes(variable);
    });
}

/** The running children of `parent` whose command line holds `word`. */
export function runningChildren(parent: number, word: string): number[] {
  return runningProcesses(word).filter((pid) => statOf(pid)?.ppid === parent);
}

/** How many times the process has `file` open (0 once it is gone). */
export function openCount(pid: number, file: string): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
      } catch {
        return false; // closed meanwhile
      }
    }).length;
  } catch {
    return 0;
  }
}

/** True when the process has `file` open. */
export const hasOpen = (pid: number, file: string): boolean => openCount(pid, file) > 0;
