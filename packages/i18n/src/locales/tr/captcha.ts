import type { NamespaceMessages } from '../../types.ts';

export default {
  required: 'Önce captcha’yı çözün.',
  wrong: 'Captcha yanıtı yanlış, daha önce kullanılmış ya da süresi dolmuş: yeni bir captcha alın.',
  not_human: 'Captcha hizmeti bir insan olduğunuzu doğrulamadı: yeniden deneyin.',
  service_failed: 'Captcha hizmeti yanıtı denetleyemedi: birazdan yeniden deneyin.',
  type_mismatch: '"{type}" captcha türü bu uygulamanın kullandığı tür değil ({expected}).',
  type_not_supported:
    '"{type}" türündeki captcha sağlayıcıları desteklenmiyor: Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha veya Cloudflare Turnstile kullanın.',
  provider_not_found: '{id} captcha sağlayıcısı yok.',
  busy: 'Aynı anda çok fazla captcha oluşturuluyor: birazdan yeniden deneyin.',
} satisfies NamespaceMessages<'captcha'>;
