export default {
  required: 'Solve the captcha first.',
  wrong: 'The captcha answer is wrong, was used already or has expired: get a new captcha.',
  not_human: 'The captcha service did not confirm that you are a person: try again.',
  service_failed: 'The captcha service could not check the answer: try again shortly.',
  type_mismatch: 'The captcha type "{type}" is not the one this application uses ({expected}).',
  type_not_supported:
    'Captcha providers of type "{type}" are not supported: use Default, reCAPTCHA v2, reCAPTCHA v3, hCaptcha or Cloudflare Turnstile.',
  provider_not_found: 'The captcha provider {id} does not exist.',
  busy: 'Too many captchas are being made at once: try again shortly.',
};
