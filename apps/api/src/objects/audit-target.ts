/** Which organization a write concerned, noted by the route for the audit log (the caller's own when unknown). */
const targets = new WeakMap<Request, string>();

export function noteAuditOrganization(request: Request, organization: string): void {
  if (organization) targets.set(request, organization);
}

export function auditOrganizationOf(request: Request): string | undefined {
  return targets.get(request);
}
