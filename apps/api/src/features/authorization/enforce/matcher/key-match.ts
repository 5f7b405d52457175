import type { Budget } from './budget.ts';
import { BuiltInRefused } from './refusal.ts';
import { chargeMatch, compileRegularExpression, regexFind } from './regular-expression.ts';

/**
 * Casbin's key-matching functions, written so that they always end: each pattern is turned into a
 * regular expression in one pass (as Casbin's Go implementation does) instead of a loop that
 * repeats until nothing changes, a pattern that does not turn into the intended form (a ":" or "{"
 * without a name) is refused, and the result runs on the linear-time engine.
 */

/** keyMatch("/foo/bar", "/foo/*"): a "*" matches any rest of the key. */
export function keyMatch(key1: string, key2: string): boolean {
  const star = key2.indexOf('*');
  if (star === -1) return key1 === key2;
  if (key1.length > star) return key1.slice(0, star) === key2.slice(0, star);
  return key1 === key2.slice(0, star);
}

/** keyGet("/foo/bar", "/foo/*") is "bar": what the "*" matched. */
export function keyGet(key1: string, key2: string): string {
  const star = key2.indexOf('*');
  if (star === -1 || key1.length <= star) return '';
  return key1.slice(0, star) === key2.slice(0, star) ? key1.slice(star) : '';
}

const starSegments = (pattern: string) => pattern.replace(/\/\*/g, '/.*');

function keyMatch2Pattern(key2: string): string {
  const pattern = starSegments(key2).replace(/:[^/]+/g, '[^/]+');
  if (pattern.includes('/:'))
    throw new BuiltInRefused('keyMatch2', `the pattern ${JSON.stringify(key2.slice(0, 100))} has a ":" without a name`);
  return pattern === '*' ? '(.*)' : pattern;
}

/** keyMatch2("/resource1/123", "/resource1/:id"): a ":name" matches one path segment. */
export function keyMatch2(key1: string, key2: string, budget: Budget): boolean {
  return regexFind('keyMatch2', key1, `^${keyMatch2Pattern(key2)}$`, budget);
}

/** keyGet2("/resource1/123", "/resource1/:id", "id") is "123". */
export function keyGet2(key1: string, key2: string, pathVar: string, budget: Budget): string {
  if (!keyMatch2(key1, key2, budget)) return '';
  const names: string[] = key2.match(/[^/]+/g) ?? [];
  const values: string[] = key1.match(/[^/]+/g) ?? [];
  const index = names.indexOf(`:${pathVar}`);
  return index === -1 ? '' : (values[index] ?? '');
}

function bracePattern(functionName: string, key2: string, replacement: string): string {
  const pattern = starSegments(key2).replace(/\{[^/]+?\}/g, replacement);
  if (pattern.includes('/{'))
    throw new BuiltInRefused(
      functionName,
      `the pattern ${JSON.stringify(key2.slice(0, 100))} has a "{" without a name`,
    );
  return pattern;
}

/** keyMatch3("/resource1/123", "/resource1/{id}"): a "{name}" matches one path segment. */
export function keyMatch3(key1: string, key2: string, budget: Budget): boolean {
  return regexFind('keyMatch3', key1, `^${bracePattern('keyMatch3', key2, '[^/]+')}$`, budget);
}

/** keyMatch4("/parent/1/child/1", "/parent/{id}/child/{id}"): like keyMatch3, and one name matches one value. */
export function keyMatch4(key1: string, key2: string, budget: Budget): boolean {
  const names: string[] = key2.match(/\{[^/]+?\}/g) ?? [];
  const expression = compileRegularExpression('keyMatch4', `^${bracePattern('keyMatch4', key2, '([^/]+)')}$`, budget);
  chargeMatch('keyMatch4', expression, key1, budget);
  const matcher = expression.matcher(key1);
  if (!matcher.matches()) return false;
  if (matcher.groupCount() !== names.length) throw new BuiltInRefused('keyMatch4', 'the pattern has groups of its own');
  const seen = new Map<string, string>();
  for (const [index, name] of names.entries()) {
    const value = matcher.group(index + 1) ?? '';
    if (seen.has(name) && seen.get(name) !== value) return false;
    seen.set(name, value);
  }
  return true;
}

/** keyMatch5("/foo/bar?x=1", "/foo/{id}"): like keyMatch3, ignoring the query string of the key. */
export function keyMatch5(key1: string, key2: string, budget: Budget): boolean {
  const query = key1.indexOf('?');
  const path = query === -1 ? key1 : key1.slice(0, query);
  return regexFind('keyMatch5', path, `^${bracePattern('keyMatch5', key2, '[^/]+')}$`, budget);
}
