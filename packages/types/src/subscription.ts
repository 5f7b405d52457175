import { type Static, Type as T } from '@sinclair/typebox';
import { text } from './fields.ts';

export const Subscription = T.Object({
  owner: text('The organization'),
  name: text(),
  displayName: text(),
  createdTime: text(),
  description: text(),
  user: text('Name of a user of the organization'),
  pricing: text(),
  plan: text(),
  payment: text(),
  startTime: text('RFC 3339'),
  endTime: text('RFC 3339'),
  period: text('Monthly or Yearly'),
  state: text('Pending, Active, Upcoming, Expired, Error or Suspended'),
});

export type Subscription = Static<typeof Subscription>;
