import type { Affected } from '@latchkey/types';

export interface OkEnvelope<D, D2> {
  status: 'ok';
  msg: '';
  data: D;
  data2: D2;
}

/** Casdoor's success envelope. */
export function ok<D = null, D2 = null>(data: D = null as D, data2: D2 = null as D2): OkEnvelope<D, D2> {
  return { status: 'ok', msg: '', data, data2 };
}

/** The answer to a write: data "Affected" when something changed, "Unaffected" when nothing did. */
export function affected(changed: boolean): OkEnvelope<Affected, null> {
  return ok(changed ? 'Affected' : 'Unaffected');
}
