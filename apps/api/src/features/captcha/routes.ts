import { codecs, findApplication, findRow } from '@latchkey/db';
import { Envelope, type Provider } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { countFailedCredential } from '../../http/rate-limit/failed-credentials.ts';
import { requestInfo } from '../../http/request-info.ts';
import { classifyAddress } from '../../jobs/outbound/address-guard.ts';
import { formField } from '../account/form-fields.ts';
import { parseId, requireParameter } from '../objects/id.ts';
import { makeImageCaptcha } from './image.ts';
import { applicationCaptcha, DEFAULT_CAPTCHA, isSupportedCaptchaType } from './provider.ts';
import { verifyCaptchaAnswer } from './verify.ts';

const tags = ['Captcha'];

/** Casdoor's answer to get-captcha: the captcha to show, or type "none". */
const CaptchaAnswer = T.Object({
  owner: T.String({ description: 'The Captcha provider' }),
  name: T.String(),
  type: T.String({ description: 'none, Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha, Cloudflare Turnstile' }),
  subType: T.String(),
  appKey: T.String(),
  scene: T.String(),
  captchaId: T.String({ description: 'Default: the id to send back (as clientSecret) with the answer' }),
  captchaImage: T.Union([T.String({ description: 'Default: the image, as a data: URL (SVG)' }), T.Null()]),
  clientId: T.String({ description: "A service's site key" }),
  clientSecret: T.String({ description: 'Always "***" or empty' }),
  clientId2: T.String(),
  clientSecret2: T.String({ description: 'Always empty' }),
});
type CaptchaAnswer = typeof CaptchaAnswer.static;

const none = (): CaptchaAnswer => ({
  owner: '',
  name: '',
  type: 'none',
  subType: '',
  appKey: '',
  scene: '',
  captchaId: '',
  captchaImage: null,
  clientId: '',
  clientSecret: '',
  clientId2: '',
  clientSecret2: '',
});

/** A Captcha provider by id (owner/name); refused when there is none. */
async function captchaProvider(context: AppContext, id: string): Promise<Provider> {
  const { owner, name } = parseId(id);
  const row = await findRow(context.db, 'provider', { owner, name });
  const provider = row ? codecs.provider.decode(row) : undefined;
  if (provider?.category !== 'Captcha') throw new ApiError('captcha.provider_not_found', { id });
  return provider;
}

/** What get-captcha answers for a provider: a new image for Default, a service's public settings otherwise. */
async function captchaFor(context: AppContext, provider: Provider): Promise<CaptchaAnswer> {
  if (!isSupportedCaptchaType(provider.type)) throw new ApiError('captcha.type_not_supported', { type: provider.type });
  const answer = { ...none(), owner: provider.owner, name: provider.name, type: provider.type };
  if (provider.type === DEFAULT_CAPTCHA) return { ...answer, ...(await makeImageCaptcha(context, provider)) };
  return {
    ...answer,
    subType: provider.subType,
    clientId: provider.clientId,
    clientSecret: '***',
    clientId2: provider.clientId2,
  };
}

/**
 * Casdoor's captcha routes for sign-in pages (anyone): get-captcha answers the captcha an
 * application asks for (or, with isCurrentProvider=true, a provider's by its id), and
 * verify-captcha checks an answer to a provider's captcha.
 */
export function captchaRoutes(context: AppContext) {
  return new Elysia({ name: 'captcha' })
    .use(auth(context))
    .get(
      '/api/get-captcha',
      async ({ query, request }) => {
        const id = requireParameter(query.applicationId, 'applicationId');
        if (query.isCurrentProvider === 'true')
          return ok(await captchaFor(context, await captchaProvider(context, id)));
        const name = parseId(id).name;
        const application = await findApplication(context.db, name);
        if (!application) throw new ApiError('auth.application_not_found', { name: id });
        const captcha = await applicationCaptcha(context, application);
        if (!captcha || captcha.rule === 'None') return ok(none());
        if (captcha.rule === 'Internet-Only' && classifyAddress(requestInfo(request).clientIp) !== 'public')
          return ok(none());
        return ok(await captchaFor(context, captcha.provider));
      },
      {
        anyone: true,
        query: T.Object({
          applicationId: T.Optional(
            T.String({ description: 'admin/<application>, or with isCurrentProvider=true a provider id' }),
          ),
          isCurrentProvider: T.Optional(T.String({ description: 'true: applicationId is a Captcha provider id' })),
        }),
        response: Envelope(CaptchaAnswer),
        detail: {
          summary: 'The captcha a sign-in page shows: a new image (Default), a service to load, or type none',
          tags,
        },
      },
    )
    .post(
      '/api/verify-captcha',
      async ({ body, query, request }) => {
        const field = (name: string) => formField(body, query, name);
        const provider = await captchaProvider(context, requireParameter(field('applicationId'), 'applicationId'));
        const answer = {
          captchaType: field('captchaType'),
          captchaToken: field('captchaToken'),
          clientSecret: field('clientSecret'),
        };
        const solved = await verifyCaptchaAnswer(context, provider, answer, requestInfo(request).clientIp);
        if (!solved) await countFailedCredential(context, request);
        return ok(solved);
      },
      {
        anyone: true,
        query: T.Object({ applicationId: T.Optional(T.String()) }),
        response: Envelope(T.Boolean({ description: 'Whether the answer is right' })),
        detail: {
          summary: "Check an answer to a Captcha provider's captcha (applicationId: the provider's id)",
          description:
            'Form or JSON fields captchaType, captchaToken (the answer or token), clientSecret (Default: the captchaId) and applicationId. An image captcha is used up by the check.',
          tags,
        },
      },
    );
}
