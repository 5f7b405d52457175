import { type Codec, createCodec } from './row-codec.ts';
import { tables } from './tables.ts';

/** A codec for every table, made once. */
export const codecs = Object.fromEntries(
  Object.entries(tables).map(([name, schema]) => [name, createCodec(schema)]),
) as {
  [K in keyof typeof tables]: Codec<(typeof tables)[K]>;
};
