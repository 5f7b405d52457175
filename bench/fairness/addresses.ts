/**
 * The client addresses the server sees (sent as X-Forwarded-For; every connection is loopback).
 * The attacker has one address, as a single machine does; Y's requests each come from another,
 * as Y's many users do, so that Y never meets a per-address limit the attacker filled.
 */
export const ADDRESSES = {
  setup: '127.0.0.2',
  /** X's administrator. */
  xAdmin: '127.0.0.10',
};

/** The anonymous attacker of the attack at `index`: 127.0.0.100 onwards. */
export const attackerAddress = (index: number) => `127.0.0.${100 + index}`;

let next = 0;

/** A new address of Y's users: 127.1.0.0 onwards. */
export function yAddress(): string {
  next += 1;
  return `127.${1 + ((next >> 16) & 127)}.${(next >> 8) & 255}.${next & 255}`;
}
