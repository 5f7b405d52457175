import type { Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { checkImageAnswer } from './image.ts';
import { DEFAULT_CAPTCHA, isSupportedCaptchaType } from './provider.ts';
import { askCaptchaService } from './service-check.ts';

/** What a client sends with a captcha (Casdoor's form fields). */
export interface CaptchaAnswer {
  /** The provider type the client solved: Default, reCAPTCHA v2 … */
  captchaType?: string;
  /** The answer: the characters typed (Default), or the service's token. */
  captchaToken?: string;
  /** Default: the captchaId of the image. Ignored for the services, whose secret is the provider's. */
  clientSecret?: string;
}

/**
 * Whether an answer solves a provider's captcha: an image answer against its stored answer (once),
 * a service's token by asking the service. The type the client names must be the provider's.
 */
export async function verifyCaptchaAnswer(
  context: AppContext,
  provider: Provider,
  answer: CaptchaAnswer,
  clientIp: string,
): Promise<boolean> {
  if (!isSupportedCaptchaType(provider.type)) throw new ApiError('captcha.type_not_supported', { type: provider.type });
  const type = answer.captchaType || provider.type;
  if (type !== provider.type) throw new ApiError('captcha.type_mismatch', { type, expected: provider.type });
  const token = answer.captchaToken ?? '';
  if (!token) return false;
  if (provider.type === DEFAULT_CAPTCHA) return checkImageAnswer(context, provider, answer.clientSecret ?? '', token);
  if (token.length > 10_000) return false;
  return askCaptchaService(context, provider, token, clientIp);
}
