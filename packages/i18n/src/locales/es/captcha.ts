import type { NamespaceMessages } from '../../types.ts';

export default {
  required: 'Resuelva primero el captcha.',
  wrong: 'La respuesta del captcha es incorrecta, ya se usó o ha caducado: pida un captcha nuevo.',
  not_human: 'El servicio de captcha no confirmó que sea una persona: inténtelo de nuevo.',
  service_failed: 'El servicio de captcha no pudo comprobar la respuesta: inténtelo de nuevo en un momento.',
  type_mismatch: 'El tipo de captcha "{type}" no es el que usa esta aplicación ({expected}).',
  type_not_supported:
    'Los proveedores de captcha de tipo "{type}" no son compatibles: use Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha o Cloudflare Turnstile.',
  provider_not_found: 'El proveedor de captcha {id} no existe.',
  busy: 'Se están generando demasiados captchas a la vez: inténtelo de nuevo en un momento.',
} satisfies NamespaceMessages<'captcha'>;
