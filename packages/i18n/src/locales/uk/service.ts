import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: 'Провайдер «{name}» не існує або не може використовуватися цією організацією.',
  provider_wrong_category: 'Провайдер «{name}» не належить до категорії {category}.',
  no_provider: 'Для застосунку не налаштовано провайдера {category}.',
  email_fields_required: 'Заголовок, вміст і відправник обовʼязкові.',
  receivers_required: 'Потрібен принаймні один одержувач.',
  too_many_receivers: 'Повідомлення може мати не більше {max} одержувачів.',
  invalid_email_receiver: '«{receiver}» — недійсна адреса електронної пошти.',
  invalid_phone_receiver: '«{receiver}» — недійсний номер телефону.',
  line_break_not_allowed: 'Поле «{field}» не може містити розривів рядка чи інших керівних символів.',
  content_too_long: 'Поле «{field}» задовге (не більше {max} символів).',
  email_type_not_supported:
    'Поштові провайдери типу "{type}" не підтримуються; використовуйте SMTP-провайдер, "SendGrid" або "Custom HTTP Email".',
  sms_type_not_supported:
    'SMS-провайдери типу "{type}" не підтримуються; використовуйте "Twilio" або "Custom HTTP SMS".',
  smtp_host_required: 'Поштовий провайдер не має хоста.',
  address_refused: 'Адреса сервера провайдера не дозволена: вона не в публічному інтернеті.',
  delivery_timeout: 'Сервер провайдера не відповів вчасно.',
  connection_failed: 'Не вдалося звʼязатися із сервером провайдера.',
  connection_refused: 'Сервер провайдера відхилив зʼєднання (connection refused).',
  smtp_auth_failed: 'SMTP-сервер відхилив імʼя користувача або пароль провайдера.',
  tls_failed: 'Не вдалося встановити захищене (TLS) зʼєднання з SMTP-сервером.',
  email_send_failed: 'SMTP-сервер відхилив лист (код {code}).',
  email_api_failed: 'Поштовий сервіс відповів HTTP-статусом {status}.',
  sms_send_failed: 'SMS-шлюз відповів HTTP-статусом {status}.',
  provider_endpoint_invalid: 'Адреса провайдера має бути URL http:// або https:// без облікових даних.',
  provider_request_invalid: 'Запит провайдера неможливо надіслати: перевірте його адресу, заголовки й тип вмісту.',
  sms_method_invalid: 'Метод SMS «{method}» не підтримується; використовуйте GET, POST, PUT або DELETE.',
} satisfies NamespaceMessages<'service'>;
