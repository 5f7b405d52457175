import { type Static, Type as T } from '@sinclair/typebox';
import { flag, text, texts, whole } from './fields.ts';

export const Pricing = T.Object({
  owner: text('The organization'),
  name: text(),
  createdTime: text(),
  displayName: text(),
  description: text(),
  plans: texts('Names of plans of the organization'),
  isEnabled: flag(),
  trialDuration: whole(0, 'Days'),
  application: text('Name of an application of the organization'),
});

export type Pricing = Static<typeof Pricing>;
