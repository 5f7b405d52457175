import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'Тип должен быть "email" или "phone".',
  method_invalid: 'Метод "{method}" не поддерживается: используйте signup, login, forget или reset.',
  application_id_invalid: 'Параметр "applicationId" должен указывать приложение в виде owner/name.',
  resend_too_soon:
    'Код на этот адрес был отправлен менее {seconds} секунд назад. Подождите, прежде чем запросить новый.',
  too_many_codes: 'Запрошено слишком много кодов подтверждения. Повторите попытку позже.',
  code_invalid: 'Код подтверждения неверен, истёк или был введён слишком много раз. Запросите новый код.',
  forgot_password_disabled: 'Это приложение не позволяет сбросить забытый пароль.',
  code_signin_disabled: 'Вход по коду подтверждения не включён для этого приложения.',
  email_code_required: 'Введите код подтверждения, отправленный на вашу электронную почту.',
  phone_code_required: 'Введите код подтверждения, отправленный на ваш телефон.',
  reset_type_invalid: 'Тип должен быть "email" или "phone".',
  email_subject: '{organization}: ваш код подтверждения',
  email_greeting: 'Здравствуйте!',
  email_intro: 'Ваш код подтверждения для {organization}:',
  email_expiry: 'Он действует {minutes} минут и может быть использован только один раз.',
  email_ignore: 'Если вы не запрашивали этот код, просто проигнорируйте это письмо.',
  sms_text: '{organization}: ваш код подтверждения {code}. Он действует {minutes} минут.',
  email_sender_note: 'Отправлено {organization}.',
} satisfies NamespaceMessages<'verification'>;
