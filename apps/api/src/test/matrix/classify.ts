import type { Audience } from '../../core/identity/privileges.ts';
import type { SweptRoute } from '../sweep/routes.ts';
import { kindRoute } from './kind-routes.ts';
import { KINDS } from './objects.ts';
import type { MatrixRoute } from './route.ts';
import { specialRules } from './special-routes.ts';

/** Every route of the document as matrix routes; routes no rule classifies are answered apart, to fail the test. */
export function classify(routes: (SweptRoute & { audience?: Audience })[]): {
  classified: MatrixRoute[];
  unclassified: string[];
} {
  const audienceOf = (key: string) => routes.find((route) => `${route.method} ${route.template}` === key)?.audience;
  const specials = specialRules(audienceOf);
  const classified: MatrixRoute[] = [];
  const unclassified: string[] = [];
  for (const route of routes) {
    const key = `${route.method} ${route.template}`;
    const special = specials[key];
    if (special) {
      classified.push({ key, audience: route.audience, write: route.method === 'POST', ...special });
      continue;
    }
    const match = /^\/api\/(get|add|update|delete)-([a-z-]+)$/.exec(route.template);
    const verb = match?.[1];
    const noun = match?.[2];
    const kind = KINDS.find((each) =>
      verb === 'get' ? each.plural === noun || each.name === noun : each.name === noun,
    );
    if (!kind || !verb || (verb === 'get') !== (route.method === 'GET')) {
      unclassified.push(key);
      continue;
    }
    const operation = verb === 'get' ? (kind.plural === noun ? 'list' : 'get') : verb;
    classified.push(kindRoute(route, route.audience, kind, operation as 'list' | 'get' | 'add' | 'update' | 'delete'));
  }
  return { classified, unclassified };
}
