'use server';

import { apiPost } from '../api';
import { getT } from '../i18n/server';
import { getAccount } from '../session';

/** What `/api/enforce` is asked about: one permission, every permission of a model, or of an organization (Casdoor's parameters). */
export type EnforceTarget = { permissionId: string } | { modelId: string } | { owner: string };

/** A request to test: subject, resource and action, with a domain for models that have one. */
export interface AccessQuestion {
  subject: string;
  domain?: string;
  resource: string;
  action: string;
}

export interface AccessDecision {
  ok: boolean;
  /** Allowed when any model and adapter allows, as Casdoor's SDKs read the answer. */
  allowed?: boolean;
  /** Each answer with the model and adapter it came from. */
  answers?: { key: string; allowed: boolean }[];
  message?: string;
  signedOut?: boolean;
}

/** Asks `/api/enforce` whether the subject may do the action on the resource, as the caller (the API checks their rights). */
export async function testAccess(target: EnforceTarget, question: AccessQuestion): Promise<AccessDecision> {
  if (!(await getAccount())) return { ok: false, signedOut: true };
  const t = await getT();
  const subject = question.subject.trim();
  const resource = question.resource.trim();
  const action = question.action.trim();
  const domain = question.domain?.trim() ?? '';
  if (!subject || !resource || !action) return { ok: false, message: t('authz.test_required') };
  const request = domain ? [subject, domain, resource, action] : [subject, resource, action];
  const result = await apiPost<boolean[], string[]>('/api/enforce', target, request);
  if (result.signedOut) return { ok: false, signedOut: true };
  if (!result.ok) return { ok: false, message: result.msg };
  const answers = (Array.isArray(result.data) ? result.data : []).map((allowed, index) => ({
    key: Array.isArray(result.data2) ? String(result.data2[index] ?? '') : '',
    allowed: allowed === true,
  }));
  return { ok: true, allowed: answers.some((answer) => answer.allowed), answers };
}
