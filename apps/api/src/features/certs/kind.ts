import { Cert } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { forgetLookups } from '../../core/tokens/lookup-cache.ts';
import { ADMIN_OWNER } from '../objects/access.ts';
import { defineKind } from '../objects/kind.ts';
import type { Reference } from '../objects/references.ts';
import { checkAlgorithm, checkKeyPair, fillKeyPair } from './key-pair.ts';

const usedBy: Reference = { table: 'application', column: 'cert', holds: 'name', within: 'organization' };

async function prepareCert(context: AppContext, cert: Cert, stored?: Cert): Promise<Cert> {
  cert.type ||= 'x509';
  cert.scope ||= 'JWT';
  cert.cryptoAlgorithm ||= 'RS256';
  if (cert.cryptoAlgorithm.startsWith('RS')) cert.bitSize ||= 2048;
  cert.expireInYears ||= 20;
  checkAlgorithm(cert);
  const filled = await fillKeyPair(context, cert);
  const plain =
    filled === cert
      ? stored && cert.privateKey === stored.privateKey
        ? context.secrets.open(cert.privateKey)
        : cert.privateKey
      : filled.privateKey;
  checkKeyPair(filled, plain);
  return { ...filled, privateKey: context.secrets.seal(plain) };
}

/**
 * Signing certs: global ones owned by "admin" (every organization's applications may use them,
 * only global administrators manage them) and an organization's own. A cert added without keys
 * gets a fresh key pair; private keys are sealed and shown only to administrators of the cert's
 * owner. A cert that an application uses cannot be deleted.
 */
export const certKind = defineKind<Cert>({
  name: 'cert',
  schema: Cert,
  placement: 'global-or-organization',
  listing: {
    filterable: { name: 'text', displayName: 'text', type: 'exact', scope: 'exact', cryptoAlgorithm: 'exact' },
    sortable: ['createdTime', 'name', 'displayName', 'expireTime'],
  },
  fields: { readOnly: ['expireTime'] },
  builtIns: ['admin/cert-built-in'],
  viewableBy: (identity, cert) => cert.owner === ADMIN_OWNER && identity.isOrgAdmin,
  present: (context, cert, view) => ({
    ...cert,
    privateKey: view.access === 'admin' ? context.secrets.open(cert.privateKey) : '',
  }),
  hooks: {
    prepareAdd: (context, cert) => prepareCert(context, cert),
    prepareUpdate: (context, next, { stored, changed }) => {
      const keys = ['certificate', 'privateKey', 'cryptoAlgorithm', 'bitSize'];
      return keys.some((field) => changed.has(field)) ? prepareCert(context, next, stored) : next;
    },
    // The token endpoint remembers signing certs for a second; this node uses a changed one at once.
    afterCommit: (context) => forgetLookups(context),
  },
  references: [usedBy],
  usedBy: [usedBy],
});
