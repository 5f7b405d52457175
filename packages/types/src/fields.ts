import { Type as T, type TSchema } from '@sinclair/typebox';

/**
 * Field constructors with Casdoor's zero values as defaults, so that every object read from the API
 * carries all its fields (Casdoor serialises every field, "" / false / 0 / [] when unset).
 */
export const text = (description?: string) => T.String({ default: '', description });
export const flag = (description?: string) => T.Boolean({ default: false, description });
export const decimal = (value = 0, description?: string) => T.Number({ default: value, description });
export const whole = (value = 0, description?: string) => T.Integer({ default: value, description });
export const texts = (description?: string) => T.Array(T.String(), { default: [], description });
export const list = <S extends TSchema>(item: S, description?: string) => T.Array(item, { default: [], description });
export const dictionary = (description?: string) => T.Record(T.String(), T.String(), { default: {}, description });
export const nullable = <S extends TSchema>(schema: S, description?: string) =>
  T.Union([schema, T.Null()], { default: null, description });
