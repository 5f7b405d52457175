import { Elysia } from 'elysia';
import type { AppContext } from '../context.ts';
import { applicationRoutes } from './applications/index.ts';
import { organizationRoutes } from './organizations/index.ts';
import { userRoutes } from './users/index.ts';

/** Every Casdoor object over HTTP: get-, add-, update- and delete- routes and their extras. */
export function objectModules(context: AppContext) {
  return new Elysia({ name: 'objects' }).use(organizationRoutes(context)).use(userRoutes(context)).use(applicationRoutes(context));
}
