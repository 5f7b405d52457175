import type { NamespaceMessages } from '../../types.ts';

export default {
  required: '请先完成验证码。',
  wrong: '验证码答案错误、已被使用或已过期：请获取新的验证码。',
  not_human: '验证码服务未能确认您是真人：请重试。',
  service_failed: '验证码服务无法校验答案：请稍后重试。',
  type_mismatch: '验证码类型“{type}”不是此应用使用的类型（{expected}）。',
  type_not_supported:
    '不支持类型为“{type}”的验证码提供商：请使用 Default、reCAPTCHA v2、reCAPTCHA v3、hCaptcha 或 Cloudflare Turnstile。',
  provider_not_found: '验证码提供商 {id} 不存在。',
  busy: '同时生成的验证码过多：请稍后重试。',
} satisfies NamespaceMessages<'captcha'>;
