import { Type as T, type TSchema } from '@sinclair/typebox';

/** Casdoor's response envelope. Errors are HTTP 200 with status "error". */
export const Envelope = <D extends TSchema = TSchema, D2 extends TSchema = TSchema>(data?: D, data2?: D2) =>
  T.Object({
    status: T.Union([T.Literal('ok'), T.Literal('error')]),
    msg: T.String(),
    data: data ?? T.Unknown(),
    data2: data2 ?? T.Unknown(),
  });

export const AffectedEnvelope = Envelope(T.Union([T.Literal('Affected'), T.Literal('Unaffected')]));

export type Affected = 'Affected' | 'Unaffected';

export interface EnvelopeBody<D = unknown, D2 = unknown> {
  status: 'ok' | 'error';
  msg: string;
  data: D;
  data2: D2;
  sub?: string;
  name?: string;
}
