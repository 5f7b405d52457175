/**
 * RSA key pairs made on a thread of their own at the lowest scheduling priority (nice 19, set with
 * setpriority on that thread through bun:ffi where the platform allows), so that generating a
 * large key — a second of CPU for 4096 bits — takes only time the server's requests leave idle,
 * even on a server confined to one core. The worker's code is inline, so the single executable
 * carries it too. Where the priority cannot be lowered the key is still made off the event loop.
 */
import { ApiError } from '../errors/api-error.ts';

const WORKER_CODE = `
const { generateKeyPairSync } = require('node:crypto');
try {
  const { dlopen, FFIType } = require('bun:ffi');
  const libc = dlopen('libc.so.6', {
    syscall: { args: [FFIType.i64], returns: FFIType.i64 },
    setpriority: { args: [FFIType.i32, FFIType.u32, FFIType.i32], returns: FFIType.i32 },
  });
  // gettid (186 on x86-64), then PRIO_PROCESS for that thread alone.
  libc.symbols.setpriority(0, Number(libc.symbols.syscall(186)), 19);
} catch {}
self.onmessage = (event) => {
  const { id, bits } = event.data;
  try {
    const pair = generateKeyPairSync('rsa', {
      modulusLength: bits,
      publicKeyEncoding: { type: 'spki', format: 'der' },
      privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    });
    self.postMessage({ id, publicKey: pair.publicKey, privateKey: pair.privateKey });
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};`;

/** The longest a key may take before the call gives up (a 4096-bit key takes about a second of CPU). */
const DEADLINE_MS = 60_000;

interface Pending {
  resolve: (pair: RsaKeyPairDer) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface RsaKeyPairDer {
  publicKey: Uint8Array<ArrayBuffer>;
  privateKey: Uint8Array<ArrayBuffer>;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  for (const [id, waiting] of pending) {
    clearTimeout(waiting.timer);
    waiting.reject(error);
    pending.delete(id);
  }
  worker?.terminate();
  worker = undefined;
}

function keyWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(URL.createObjectURL(new Blob([WORKER_CODE], { type: 'application/javascript' })));
  // Bun's Worker can be unreferenced (the DOM type does not say so): an idle key worker must not keep the process alive.
  (started as Worker & { unref(): void }).unref();
  started.onmessage = (
    event: MessageEvent<{
      id: number;
      publicKey?: Uint8Array<ArrayBuffer>;
      privateKey?: Uint8Array<ArrayBuffer>;
      error?: string;
    }>,
  ) => {
    const { id, publicKey, privateKey, error } = event.data;
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    clearTimeout(waiting.timer);
    if (error || !publicKey || !privateKey) waiting.reject(new Error(error ?? 'no key pair'));
    else waiting.resolve({ publicKey, privateKey });
  };
  started.onerror = (event) => failAll(new Error(`the key worker failed: ${event.message}`));
  worker = started;
  return started;
}

/** A new RSA key pair (DER: SPKI public key, PKCS #8 private key), made at the lowest priority. */
export function generateRsaKeyPair(bits: number): Promise<RsaKeyPairDer> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    // A machine too loaded to make a key in time: the caller is told to try again, never a failure of ours.
    const timer = setTimeout(() => failAll(new ApiError('general.key_generation_busy')), DEADLINE_MS);
    pending.set(id, { resolve, reject, timer });
    keyWorker().postMessage({ id, bits });
  });
}
