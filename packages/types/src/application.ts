import { type Static, Type as T } from '@sinclair/typebox';
import { decimal, flag, list, nullable, text, texts, whole } from './fields.ts';
import { ThemeData } from './organization.ts';

export const ProviderItem = T.Object({
  owner: text(),
  name: text(),
  canSignUp: flag(),
  canSignIn: flag(),
  canUnlink: flag(),
  prompted: flag(),
  alertType: text(),
  rule: text(),
});

export const SignupItem = T.Object({
  name: text(),
  visible: flag(),
  required: flag(),
  prompted: flag(),
  label: text(),
  placeholder: text(),
  rule: text(),
});

export const SigninMethod = T.Object({ name: text(), displayName: text(), rule: text() });

export const SigninItem = T.Object({
  name: text(),
  visible: flag(),
  label: text(),
  placeholder: text(),
  rule: text(),
  isCustom: flag(),
});

export const Application = T.Object({
  owner: text('Always "admin"'),
  name: text(),
  createdTime: text(),
  displayName: text(),
  logo: text(),
  homepageUrl: text(),
  description: text(),
  organization: text(),
  cert: text(),
  enablePassword: flag(),
  enableSignUp: flag(),
  enableSigninSession: flag(),
  enableAutoSignin: flag(),
  enableCodeSignin: flag(),
  enableSamlCompress: flag(),
  enableWebAuthn: flag(),
  enableLinkWithEmail: flag(),
  disableSignin: flag(),
  orgChoiceMode: text(),
  samlReplyUrl: text(),
  providers: list(ProviderItem),
  signinMethods: list(SigninMethod),
  signupItems: list(SignupItem),
  signinItems: list(SigninItem),
  grantTypes: texts(),
  tags: texts(),
  clientId: text(),
  clientSecret: text('Shown only to administrators of the application organization'),
  redirectUris: texts(),
  tokenFormat: text(),
  tokenSigningMethod: text(),
  tokenFields: texts(),
  expireInHours: decimal(),
  refreshExpireInHours: decimal(),
  cookieExpireInHours: decimal(),
  signupUrl: text(),
  signinUrl: text(),
  forgetUrl: text(),
  affiliationUrl: text(),
  termsOfUse: text(),
  signupHtml: text(),
  signinHtml: text(),
  themeData: nullable(ThemeData),
  failedSigninLimit: whole(),
  failedSigninFrozenTime: whole(),
  backchannelLogoutUri: text(),
  ipWhitelist: text(),
  isShared: flag(),
});

export type Application = Static<typeof Application>;
