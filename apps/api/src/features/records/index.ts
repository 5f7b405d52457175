import type { AppContext } from '../../core/context.ts';
import { objectRoutes } from '../objects/routes.ts';
import { recordKind } from './kind.ts';

/** The audit log over the API: get-records and get-record only; records are written by the audit-log plugin. */
export const recordRoutes = (context: AppContext) =>
  objectRoutes(context, recordKind, { omit: ['add', 'update', 'delete'] });
