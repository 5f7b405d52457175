import type { PortalKey } from './i18n/messages';

/** A Casbin model to start from, with the paragraph that says when to use it. */
export interface ModelTemplate {
  id: 'acl' | 'rbac' | 'rbac-domains' | 'abac';
  label: PortalKey;
  explanation: PortalKey;
  text: string;
}

const sections = (...lines: string[]) => lines.join('\n');

/** Casbin's four usual models, in the form Casdoor's permissions fill (sub, obj, act). */
export const modelTemplates: readonly ModelTemplate[] = [
  {
    id: 'acl',
    label: 'authz.template_acl',
    explanation: 'authz.template_acl_help',
    text: sections(
      '[request_definition]',
      'r = sub, obj, act',
      '',
      '[policy_definition]',
      'p = sub, obj, act',
      '',
      '[policy_effect]',
      'e = some(where (p.eft == allow))',
      '',
      '[matchers]',
      'm = r.sub == p.sub && r.obj == p.obj && r.act == p.act',
    ),
  },
  {
    id: 'rbac',
    label: 'authz.template_rbac',
    explanation: 'authz.template_rbac_help',
    text: sections(
      '[request_definition]',
      'r = sub, obj, act',
      '',
      '[policy_definition]',
      'p = sub, obj, act',
      '',
      '[role_definition]',
      'g = _, _',
      '',
      '[policy_effect]',
      'e = some(where (p.eft == allow))',
      '',
      '[matchers]',
      'm = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act',
    ),
  },
  {
    id: 'rbac-domains',
    label: 'authz.template_rbac_domains',
    explanation: 'authz.template_rbac_domains_help',
    text: sections(
      '[request_definition]',
      'r = sub, dom, obj, act',
      '',
      '[policy_definition]',
      'p = sub, dom, obj, act',
      '',
      '[role_definition]',
      'g = _, _, _',
      '',
      '[policy_effect]',
      'e = some(where (p.eft == allow))',
      '',
      '[matchers]',
      'm = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act',
    ),
  },
  {
    id: 'abac',
    label: 'authz.template_abac',
    explanation: 'authz.template_abac_help',
    text: sections(
      '[request_definition]',
      'r = sub, obj, act',
      '',
      '[policy_definition]',
      'p = sub, obj, act',
      '',
      '[policy_effect]',
      'e = some(where (p.eft == allow))',
      '',
      '[matchers]',
      'm = r.sub == r.obj.Owner || (r.sub == p.sub && r.obj == p.obj && r.act == p.act)',
    ),
  },
];
