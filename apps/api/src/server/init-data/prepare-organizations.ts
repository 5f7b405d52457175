import { codecs } from '@latchkey/db';
import { Group, Organization } from '@latchkey/types';
import { accepted, adminOwner, creationTime, organizationProblem, type Prepare, rejected } from './entry.ts';
import { nameProblem, readFields } from './read-fields.ts';

export const prepareOrganization: Prepare = async ({ context, raw }) => {
  const read = readFields(Organization, raw);
  if (!read.ok) return rejected(read.problem);
  const organization = read.object;
  const owner = adminOwner(organization.owner);
  if ('problem' in owner) return rejected(owner.problem);
  const badName = nameProblem('organization', organization.name);
  if (badName) return rejected(badName);
  const row = codecs.organization.encode({
    ...organization,
    owner: owner.owner,
    createdTime: creationTime(context, organization.createdTime),
  });
  return accepted({ table: 'organization', owner: owner.owner, name: organization.name, row, notes: [] });
};

export const prepareGroup: Prepare = async ({ context, raw }) => {
  // Casdoor's own template spells the parent "parent_id".
  const read = readFields(Group, { ...raw, parentId: raw.parentId ?? raw.parent_id });
  if (!read.ok) return rejected(read.problem);
  const group = read.object;
  const badName = nameProblem('group', group.name);
  if (badName) return rejected(badName);
  const missing = await organizationProblem(context.db, group.owner);
  if (missing) return rejected(missing);
  const createdTime = creationTime(context, group.createdTime);
  const row = codecs.group.encode({
    ...group,
    createdTime,
    updatedTime: group.updatedTime ? creationTime(context, group.updatedTime) : createdTime,
  });
  return accepted({ table: 'group', owner: group.owner, name: group.name, row, notes: [] });
};
