import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: 'Провайдер «{name}» не существует или не может использоваться этой организацией.',
  provider_wrong_category: 'Провайдер «{name}» не относится к категории {category}.',
  no_provider: 'Для приложения не настроен провайдер {category}.',
  email_fields_required: 'Заголовок, содержимое и отправитель обязательны.',
  receivers_required: 'Нужен хотя бы один получатель.',
  too_many_receivers: 'У сообщения может быть не более {max} получателей.',
  invalid_email_receiver: '«{receiver}» — недопустимый адрес электронной почты.',
  invalid_phone_receiver: '«{receiver}» — недопустимый номер телефона.',
  line_break_not_allowed: 'Поле «{field}» не может содержать переводы строк и другие управляющие символы.',
  content_too_long: 'Поле «{field}» слишком длинное (не более {max} символов).',
  email_type_not_supported:
    'Почтовые провайдеры типа "{type}" не поддерживаются; используйте SMTP-провайдер, "SendGrid" или "Custom HTTP Email".',
  sms_type_not_supported: 'SMS-провайдеры типа "{type}" не поддерживаются; используйте "Twilio" или "Custom HTTP SMS".',
  smtp_host_required: 'У почтового провайдера не указан хост.',
  address_refused: 'Адрес сервера провайдера не разрешён: он не находится в публичном интернете.',
  delivery_timeout: 'Сервер провайдера не ответил вовремя.',
  connection_failed: 'Не удалось связаться с сервером провайдера.',
  smtp_auth_failed: 'SMTP-сервер отклонил имя пользователя или пароль провайдера.',
  tls_failed: 'Не удалось установить защищённое (TLS) соединение с SMTP-сервером.',
  email_send_failed: 'SMTP-сервер отклонил письмо (код {code}).',
  email_api_failed: 'Почтовый сервис ответил HTTP-статусом {status}.',
  sms_send_failed: 'SMS-шлюз ответил HTTP-статусом {status}.',
  provider_endpoint_invalid: 'Адрес провайдера должен быть URL http:// или https:// без учётных данных.',
  provider_request_invalid: 'Запрос провайдера нельзя отправить: проверьте его адрес, заголовки и тип содержимого.',
  sms_method_invalid: 'Метод SMS «{method}» не поддерживается; используйте GET, POST, PUT или DELETE.',
} satisfies NamespaceMessages<'service'>;
