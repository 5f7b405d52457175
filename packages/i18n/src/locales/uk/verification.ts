import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'Тип має бути "email" або "phone".',
  method_invalid: 'Метод "{method}" не підтримується: використовуйте signup, login, forget або reset.',
  application_id_invalid: 'Параметр "applicationId" має вказувати застосунок у вигляді owner/name.',
  resend_too_soon: 'Код на цю адресу надіслано менш ніж {seconds} секунд тому. Зачекайте, перш ніж просити новий.',
  too_many_codes: 'Запитано забагато кодів підтвердження. Спробуйте пізніше.',
  code_invalid: 'Код підтвердження хибний, прострочений або його вводили забагато разів. Попросіть новий код.',
  forgot_password_disabled: 'Цей застосунок не дозволяє скинути забутий пароль.',
  code_signin_disabled: 'Вхід за кодом підтвердження не ввімкнено для цього застосунку.',
  email_code_required: 'Введіть код підтвердження, надісланий на вашу електронну пошту.',
  phone_code_required: 'Введіть код підтвердження, надісланий на ваш телефон.',
  reset_type_invalid: 'Тип має бути "email" або "phone".',
  email_subject: '{organization}: ваш код підтвердження',
  email_greeting: 'Вітаємо!',
  email_intro: 'Ваш код підтвердження для {organization}:',
  email_expiry: 'Він дійсний {minutes} хвилин і може бути використаний лише один раз.',
  email_ignore: 'Якщо ви не просили цей код, просто проігноруйте цей лист.',
  sms_text: '{organization}: ваш код підтвердження {code}. Він дійсний {minutes} хвилин.',
  email_sender_note: 'Надіслано {organization}.',
} satisfies NamespaceMessages<'verification'>;
