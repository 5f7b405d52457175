import { codecs, findApplicationNameOfClientId, findCertForOrganization } from '@latchkey/db';
import { Application, Provider, Webhook } from '@latchkey/types';
import { randomHex } from '../../core/crypto/random.ts';
import {
  accepted,
  adminOwner,
  creationTime,
  globalOrOrganizationOwner,
  organizationProblem,
  type Prepare,
  rejected,
} from './entry.ts';
import { nameProblem, readFields } from './read-fields.ts';

/**
 * An application keeps its client id and secret, so the apps that use it go on working; the secret
 * is sealed at rest. Missing ones are generated, as Casdoor does.
 */
export const prepareApplication: Prepare = async ({ context, raw }) => {
  const read = readFields(Application, raw);
  if (!read.ok) return rejected(read.problem);
  const application = read.object;
  const badName = nameProblem('application', application.name);
  if (badName) return rejected(badName);
  const owner = adminOwner(application.owner);
  if ('problem' in owner) return rejected(owner.problem);
  const missing = await organizationProblem(context.db, application.organization);
  if (missing) return rejected(missing);
  if (application.cert && !(await findCertForOrganization(context.db, application.cert, application.organization))) {
    return rejected(`its cert "${application.cert}" does not exist`);
  }
  const notes: string[] = [];
  const clientId = application.clientId || randomHex(10);
  if (!application.clientId) notes.push(`the file had no client id: ${clientId} was generated`);
  let clientSecret = application.clientSecret;
  if (!clientSecret) {
    clientSecret = randomHex(20);
    notes.push('the file had no client secret: a new one was generated (see the application in the portal)');
  }
  const row = codecs.application.encode({
    ...application,
    owner: owner.owner,
    createdTime: creationTime(context, application.createdTime),
    clientId,
    clientSecret: context.secrets.seal(clientSecret),
  });
  return accepted({
    table: 'application',
    owner: owner.owner,
    name: application.name,
    row,
    notes,
    async conflict(trx) {
      const other = await findApplicationNameOfClientId(trx, clientId);
      return other !== undefined ? `its client id ${clientId} already belongs to application ${other}` : undefined;
    },
  });
};

export const prepareProvider: Prepare = async ({ context, raw }) => {
  const read = readFields(Provider, raw);
  if (!read.ok) return rejected(read.problem);
  const provider = read.object;
  const badName = nameProblem('provider', provider.name);
  if (badName) return rejected(badName);
  const owner = await globalOrOrganizationOwner(context.db, provider.owner);
  if ('problem' in owner) return rejected(owner.problem);
  const row = codecs.provider.encode({
    ...provider,
    owner: owner.owner,
    createdTime: creationTime(context, provider.createdTime),
    clientSecret: context.secrets.seal(provider.clientSecret),
    clientSecret2: context.secrets.seal(provider.clientSecret2),
  });
  return accepted({ table: 'provider', owner: owner.owner, name: provider.name, row, notes: [] });
};

export const prepareWebhook: Prepare = async ({ context, raw }) => {
  const read = readFields(Webhook, raw);
  if (!read.ok) return rejected(read.problem);
  const webhook = read.object;
  const badName = nameProblem('webhook', webhook.name);
  if (badName) return rejected(badName);
  const owner = adminOwner(webhook.owner);
  if ('problem' in owner) return rejected(owner.problem);
  const missing = await organizationProblem(context.db, webhook.organization);
  if (missing) return rejected(missing);
  const row = codecs.webhook.encode({
    ...webhook,
    owner: owner.owner,
    createdTime: creationTime(context, webhook.createdTime),
  });
  return accepted({ table: 'webhook', owner: owner.owner, name: webhook.name, row, notes: [] });
};
