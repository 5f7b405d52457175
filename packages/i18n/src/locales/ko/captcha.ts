import type { NamespaceMessages } from '../../types.ts';

export default {
  required: '먼저 캡차를 풀어 주세요.',
  wrong: '캡차 답이 틀렸거나, 이미 사용되었거나, 만료되었습니다. 새 캡차를 받으세요.',
  not_human: '캡차 서비스가 사람임을 확인하지 못했습니다. 다시 시도하세요.',
  service_failed: '캡차 서비스가 답을 확인하지 못했습니다. 잠시 후 다시 시도하세요.',
  type_mismatch: '캡차 유형 "{type}"은(는) 이 애플리케이션이 사용하는 유형({expected})이 아닙니다.',
  type_not_supported:
    '"{type}" 유형의 캡차 공급자는 지원되지 않습니다. Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha 또는 Cloudflare Turnstile을 사용하세요.',
  provider_not_found: '캡차 공급자 {id}이(가) 없습니다.',
  busy: '동시에 만들어지는 캡차가 너무 많습니다. 잠시 후 다시 시도하세요.',
} satisfies NamespaceMessages<'captcha'>;
