import { codecs } from '../codecs.ts';

export type TokenRecord = ReturnType<typeof codecs.token.decode>;
