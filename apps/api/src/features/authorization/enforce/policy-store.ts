/**
 * Where an enforcer's policy lines are kept (the `adapter` column of casbin_rule): under its
 * adapter's id when the adapter belongs to the enforcer's organization, and under
 * `<organization>/<adapter id>` when it belongs to another — a shared adapter of `built-in`, the only
 * other kind an enforcer may name. So an organization that writes policy lines through a shared
 * adapter writes lines of its own, which neither `built-in` nor any other organization reads, and
 * reads none of theirs. No adapter id has two slashes, so the two kinds of key never meet.
 */
export function policyStoreOf(enforcer: { owner: string; adapter: string }): string {
  if (!enforcer.adapter) return '';
  const adapterId = enforcer.adapter.includes('/') ? enforcer.adapter : `${enforcer.owner}/${enforcer.adapter}`;
  return adapterId.startsWith(`${enforcer.owner}/`) ? adapterId : `${enforcer.owner}/${adapterId}`;
}
