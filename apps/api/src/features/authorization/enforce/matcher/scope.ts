import { BUILT_INS } from './built-ins.ts';
import { FORBIDDEN_MEMBER_NAMES } from './forbidden-names.ts';
import { MatcherRefused } from './refusal.ts';
import type { Node } from './syntax.ts';

/** What a matcher of one model may name: its request and policy tokens and its role functions. */
export interface MatcherScope {
  /** Request tokens as Casbin escapes them (r_sub, r_obj …): their attributes may be read. */
  requestTokens: ReadonlySet<string>;
  /** Policy tokens (p_sub, p_obj …). */
  policyTokens: ReadonlySet<string>;
  /** The role functions the model declares (g, g2 …). */
  roleFunctions: ReadonlySet<string>;
  /** Whether eval() may be called (not inside the text eval reads). */
  allowEval: boolean;
}

const rootOf = (node: Node): Node => (node.kind === 'member' ? rootOf(node.object) : node);

/**
 * Accepts an expression tree only if every name in it is a token of the model, a role function it
 * declares or one of Casbin's documented functions; throws MatcherRefused naming the first that is not.
 */
export function checkMatcher(node: Node, scope: MatcherScope): void {
  switch (node.kind) {
    case 'literal':
      return;
    case 'identifier':
      if (scope.requestTokens.has(node.name) || scope.policyTokens.has(node.name)) return;
      if (scope.roleFunctions.has(node.name) || node.name in BUILT_INS)
        throw new MatcherRefused(node.name, 'a function can only be called');
      throw new MatcherRefused(node.name, 'not a token of the request or policy definition');
    case 'member': {
      for (let link: Node = node; link.kind === 'member'; link = link.object) {
        if (FORBIDDEN_MEMBER_NAMES.has(link.property))
          throw new MatcherRefused(link.property, 'this member name is not allowed');
      }
      const root = rootOf(node);
      if (root.kind !== 'identifier' || !scope.requestTokens.has(root.name))
        throw new MatcherRefused(
          root.kind === 'identifier' ? root.name : node.property,
          'only attributes of request values (such as r.sub.Age) can be read',
        );
      return;
    }
    case 'call': {
      const builtIn = Object.hasOwn(BUILT_INS, node.callee) ? BUILT_INS[node.callee] : undefined;
      if (node.callee === 'eval') {
        if (!scope.allowEval) throw new MatcherRefused('eval', 'a rule read by eval cannot call eval');
        const [argument] = node.args;
        if (
          node.args.length !== 1 ||
          argument?.kind !== 'identifier' ||
          !(scope.policyTokens.has(argument.name) || scope.requestTokens.has(argument.name))
        )
          throw new MatcherRefused('eval', 'eval takes one token of the policy or request definition');
        return;
      }
      if (!builtIn && !scope.roleFunctions.has(node.callee))
        throw new MatcherRefused(node.callee, 'not a function Casbin offers nor a role function of the model');
      const [least, most] = builtIn ? builtIn.arity : [2, 3];
      if (node.args.length < least || node.args.length > most)
        throw new MatcherRefused(node.callee, `takes ${least === most ? least : `${least} to ${most}`} arguments`);
      for (const argument of node.args) checkMatcher(argument, scope);
      return;
    }
    case 'unary':
      checkMatcher(node.argument, scope);
      return;
    case 'binary':
      checkMatcher(node.left, scope);
      if (node.operator === 'in' && node.right.kind === 'list') {
        for (const item of node.right.items) checkMatcher(item, scope);
        return;
      }
      checkMatcher(node.right, scope);
      return;
    case 'conditional':
      checkMatcher(node.test, scope);
      checkMatcher(node.consequent, scope);
      checkMatcher(node.alternate, scope);
      return;
    case 'list':
      throw new MatcherRefused('(', 'a list can only follow "in"');
  }
}
