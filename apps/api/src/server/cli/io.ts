/** Where a command reads and writes: the real process, or a capture in tests. */
export interface CliIo {
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
  env: Record<string, string | undefined>;
  /** Everything on standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

export const processIo: CliIo = {
  out: async (text) => {
    await Bun.write(Bun.stdout, text);
  },
  err: async (text) => {
    await Bun.write(Bun.stderr, text);
  },
  env: process.env,
  readStdin: () => Bun.stdin.text(),
};

/** An io that keeps what commands write, for tests. */
export function captureIo(
  env: Record<string, string | undefined> = {},
  stdin = '',
): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    env,
    out: async (text: string) => {
      io.stdout += text;
    },
    err: async (text: string) => {
      io.stderr += text;
    },
    readStdin: async () => stdin,
  };
  return io;
}
