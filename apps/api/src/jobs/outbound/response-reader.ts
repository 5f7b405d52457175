/** The status line and headers of an answer may take at most this many bytes. */
export const MAX_HEAD_BYTES = 16 * 1024;

export class MalformedResponseError extends Error {}

type Framing = { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'until-close' } | { kind: 'none' };

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Reads an HTTP/1.1 answer as it arrives, only as far as needed: the status, then the body's
 * framing (Content-Length, chunked, or until the connection closes) to know where it ends. The
 * body is counted, never kept. `feed` answers true once the answer is complete.
 */
export class ResponseReader {
  status: number | undefined;
  bodyBytes = 0;
  /** The headers of the answer, in order (names in lower case). */
  headers: [string, string][] = [];
  /** The body's bytes (without chunk framing), kept only when asked for. */
  private readonly kept: Buffer[] = [];
  private head = Buffer.alloc(0);
  private framing: Framing | undefined;
  /** Chunked framing: bytes of chunk data still to skip, or the partial size line / trailer being read. */
  private chunkRemaining = 0;
  private chunkLine = '';
  private chunkState: 'size' | 'data' | 'data-end' | 'trailer' = 'size';

  constructor(
    private readonly method: string,
    private readonly keepBody = false,
  ) {}

  /** The body read so far (empty unless the reader keeps it). */
  body(): Buffer {
    return Buffer.concat(this.kept);
  }

  private keep(bytes: Buffer): void {
    if (this.keepBody && bytes.length > 0) this.kept.push(Buffer.from(bytes));
  }

  /** Takes the next bytes; true once the answer is complete. Throws MalformedResponseError. */
  feed(bytes: Buffer): boolean {
    if (this.framing) return this.feedBody(bytes);
    this.head = Buffer.concat([this.head, bytes]);
    const end = this.head.indexOf(HEAD_END);
    if (end === -1) {
      if (this.head.length > MAX_HEAD_BYTES)
        throw new MalformedResponseError('the status line and headers are too long');
      return false;
    }
    const rest = this.head.subarray(end + HEAD_END.length);
    const lines = this.head.subarray(0, end).toString('latin1').split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(lines[0] ?? '');
    if (!match) throw new MalformedResponseError('not an HTTP/1.x status line');
    const status = Number(match[1]);
    this.head = Buffer.alloc(0);
    // An interim answer (100 Continue, 103 Early Hints) is followed by the real one.
    if (status >= 100 && status < 200) return rest.length > 0 ? this.feed(Buffer.from(rest)) : false;
    this.status = status;
    this.framing = this.framingOf(status, lines.slice(1));
    return this.feedBody(Buffer.from(rest));
  }

  /** The connection closed: whether that completes the answer. */
  closed(): boolean {
    return this.framing?.kind === 'until-close';
  }

  private framingOf(status: number, lines: string[]): Framing {
    if (this.method === 'HEAD' || status === 204 || status === 304) return { kind: 'none' };
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new MalformedResponseError('a header line without a name');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
      this.headers.push([name, value]);
    }
    const encoding = headers.get('transfer-encoding');
    if (encoding !== undefined) {
      if (encoding.toLowerCase().split(',').at(-1)!.trim() === 'chunked') return { kind: 'chunked' };
      return { kind: 'until-close' };
    }
    const length = headers.get('content-length');
    if (length !== undefined) {
      if (!/^\d{1,15}$/.test(length)) throw new MalformedResponseError('a Content-Length that is not one number');
      return { kind: 'length', remaining: Number(length) };
    }
    return { kind: 'until-close' };
  }

  private feedBody(bytes: Buffer): boolean {
    const framing = this.framing!;
    if (framing.kind === 'none') return true;
    this.bodyBytes += bytes.length;
    if (framing.kind === 'until-close') {
      this.keep(bytes);
      return false;
    }
    if (framing.kind === 'length') {
      this.keep(bytes.subarray(0, Math.max(0, framing.remaining)));
      framing.remaining -= bytes.length;
      return framing.remaining <= 0;
    }
    return this.feedChunked(bytes);
  }

  private feedChunked(bytes: Buffer): boolean {
    let at = 0;
    while (at < bytes.length) {
      if (this.chunkState === 'data') {
        const take = Math.min(this.chunkRemaining, bytes.length - at);
        this.keep(bytes.subarray(at, at + take));
        at += take;
        this.chunkRemaining -= take;
        if (this.chunkRemaining === 0) this.chunkState = 'data-end';
        continue;
      }
      const newline = bytes.indexOf(0x0a, at);
      const piece = bytes.subarray(at, newline === -1 ? bytes.length : newline).toString('latin1');
      at = newline === -1 ? bytes.length : newline + 1;
      this.chunkLine += piece;
      if (this.chunkLine.length > 1024) throw new MalformedResponseError('a chunk line is too long');
      if (newline === -1) continue;
      const line = this.chunkLine.replace(/\r$/, '');
      this.chunkLine = '';
      if (this.chunkState === 'data-end') {
        if (line !== '') throw new MalformedResponseError('chunk data longer than its size');
        this.chunkState = 'size';
      } else if (this.chunkState === 'size') {
        const size = /^([0-9a-fA-F]{1,12})(?:[ \t]*;.*)?$/.exec(line);
        if (!size) throw new MalformedResponseError('not a chunk size');
        this.chunkRemaining = Number.parseInt(size[1]!, 16);
        this.chunkState = this.chunkRemaining === 0 ? 'trailer' : 'data';
      } else if (line === '') {
        return true;
      }
    }
    return false;
  }
}
