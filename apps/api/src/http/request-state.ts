import { randomUUID } from 'node:crypto';
import { type Language, type MessageKey, type MessageParams, negotiateLanguage } from '@latchkey/i18n';
import type { User } from '@latchkey/types';
import type { Identity } from '../core/identity/identity.ts';
import { canonicalPath } from './canonical-path.ts';
import type { CorsDecision } from './cors/cors-policy.ts';
import { pathOf } from './paths.ts';

/**
 * What the route and the steps around it note for the request's audit record (features/records/audit-log.ts).
 */
export interface AuditNote {
  /** Which organization a write concerned (the caller's own when unknown). */
  organization?: string;
  /**
   * The user a request signed in or signed up: the caller was anonymous when the request arrived,
   * yet the record names who signed in (as Casdoor's does); a sign-up also gets Casdoor's second
   * record, `new-user`, describing the new user.
   */
  signIn?: { user: User; isNew: boolean };
  /**
   * The action the request is recorded under when it is not its path's: a sign-in through the OAuth
   * endpoints is recorded as `login`. A request with a noted action is recorded even outside /api.
   */
  action?: string;
  /** Why the request failed, when the route answered the failure itself (a page) rather than throwing it. */
  failure?: { code: MessageKey; params?: MessageParams };
  /** The failure the error hook answered with, in English, for the record. */
  answeredFailure?: { status: 'error'; msg: string };
  /** The request reached no route: nothing was written, and anyone could fill the log with such records. */
  unrouted?: boolean;
  /** Further records of the same request under actions of their own (a recovery code used), each with its object. */
  alsoRecorded?: { action: string; object: unknown }[];
}

/** What the failed-credential limits (rate-limit/failed-credentials.ts) remember of a request. */
export interface FailedCredentialNote {
  /** The OAuth client the request named, once its record was found (counted with the request's failures). */
  clientId?: string;
  /** A password attempt counted ahead as a failure, until it is known to have succeeded. */
  reservation?: { atMs: number; failed: boolean };
}

/**
 * Everything a request carries from the moment it arrives until its record is written, in one
 * place: its id (echoed as X-Request-Id), start time, client address, language, canonical path,
 * its caller (worked out once, however many steps ask), the audit note, the CORS decision the
 * origin step hands to the caller step, and the failed-credential bookkeeping. Created by the
 * arrival step (plugins/request-context.ts) when the request arrives; read by every hook and route through
 * `requestStateOf(request)`. Plain data: services may be handed a part of it, never Elysia objects.
 */
export interface RequestState {
  readonly id: string;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  /**
   * The client's address ('' when unknown); see clientAddress. Worked out on first use, which must
   * come before the answer has gone out (the connection's address is gone then): keepClientIp.
   */
  readonly clientIp: string;
  /** Worked out from Accept-Language on first use (only when a message is translated). */
  readonly language: Language;
  /** The path in its one canonical spelling (canonical-path.ts), worked out when the request arrives. */
  readonly routePath: string;
  /** The caller, worked out once on first use (http/resolve-identity.ts). */
  identity: Promise<Identity> | undefined;
  readonly audit: AuditNote;
  /** Set by the CORS origin step when the decision waits for the caller; taken by the caller step. */
  corsAwaitingCaller: AskIdentity | undefined;
  readonly failedCredentials: FailedCredentialNote;
}

/** How a request's client address is found (request-info.ts): asked once, on first use. */
export type ClientAddressOf = (request: Request) => string;

class ArrivedRequest implements RequestState {
  #language: Language | undefined;
  #clientIp: string | undefined;
  identity: Promise<Identity> | undefined = undefined;
  readonly audit: AuditNote = {};
  corsAwaitingCaller: AskIdentity | undefined = undefined;
  readonly failedCredentials: FailedCredentialNote = {};

  constructor(
    private readonly request: Request,
    readonly id: string,
    readonly startedAt: number,
    readonly routePath: string,
    private readonly addressOf: ClientAddressOf,
  ) {}

  get language(): Language {
    this.#language ??= negotiateLanguage(this.request.headers.get('accept-language'));
    return this.#language;
  }

  get clientIp(): string {
    this.#clientIp ??= this.addressOf(this.request);
    return this.#clientIp;
  }
}

/** A CORS decision that waits for the request's caller (the origin step, plugins/cors.ts, hands it to the caller step, plugins/cors-caller.ts). */
export type AskIdentity = Extract<CorsDecision, { kind: 'ask_identity' }>;

const states = new WeakMap<Request, RequestState>();

const REQUEST_ID = /^[\w.-]{8,64}$/;
const unknownAddress: ClientAddressOf = () => '';

/** The request's id: its X-Request-Id when well formed, else a new one. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given !== null && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Creates the state of a request that has just arrived: a well-formed X-Request-Id is kept, else a
 * new id is made. `clientAddress` is the address, or how to find it when first asked.
 */
export function startRequestState(
  request: Request,
  clientAddress: string | ClientAddressOf,
  routePath: string = canonicalPath(pathOf(request)),
): RequestState {
  const id = requestIdOf(request);
  const addressOf = typeof clientAddress === 'string' ? () => clientAddress : clientAddress;
  const state = new ArrivedRequest(request, id, performance.now(), routePath, addressOf);
  states.set(request, state);
  return state;
}

/** The request's state; a request that did not pass through the server (unit tests) gets one on first use. */
export function requestStateOf(request: Request): RequestState {
  return states.get(request) ?? startRequestState(request, unknownAddress);
}

/**
 * Works out the client's address now, while the connection still knows it: for what reads it once
 * the answer has gone out (the request's log line, its audit record).
 */
export function keepClientIp(request: Request): void {
  void requestStateOf(request).clientIp;
}
