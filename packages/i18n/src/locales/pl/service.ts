import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: 'Dostawca „{name}” nie istnieje lub ta organizacja nie może go używać.',
  provider_wrong_category: 'Dostawca „{name}” nie jest dostawcą kategorii {category}.',
  no_provider: 'Dla aplikacji nie skonfigurowano dostawcy {category}.',
  email_fields_required: 'Tytuł, treść i nadawca są wymagane.',
  receivers_required: 'Wymagany jest co najmniej jeden odbiorca.',
  too_many_receivers: 'Wiadomość może mieć najwyżej {max} odbiorców.',
  invalid_email_receiver: '„{receiver}” nie jest prawidłowym adresem e-mail.',
  invalid_phone_receiver: '„{receiver}” nie jest prawidłowym numerem telefonu.',
  line_break_not_allowed: 'Pole „{field}” nie może zawierać podziałów wiersza ani innych znaków sterujących.',
  content_too_long: 'Pole „{field}” jest za długie (najwyżej {max} znaków).',
  email_type_not_supported:
    'Dostawcy poczty typu "{type}" nie są obsługiwani; użyj dostawcy SMTP, "SendGrid" lub "Custom HTTP Email".',
  sms_type_not_supported: 'Dostawcy SMS typu "{type}" nie są obsługiwani; użyj "Twilio" lub "Custom HTTP SMS".',
  smtp_host_required: 'Dostawca e-mail nie ma hosta.',
  address_refused: 'Adres serwera dostawcy jest niedozwolony: nie leży w publicznym internecie.',
  delivery_timeout: 'Serwer dostawcy nie odpowiedział na czas.',
  connection_failed: 'Nie udało się połączyć z serwerem dostawcy.',
  smtp_auth_failed: 'Serwer SMTP odrzucił nazwę użytkownika lub hasło dostawcy.',
  tls_failed: 'Nie udało się nawiązać bezpiecznego połączenia (TLS) z serwerem SMTP.',
  email_send_failed: 'Serwer SMTP odrzucił wiadomość (kod {code}).',
  email_api_failed: 'Usługa poczty odpowiedziała statusem HTTP {status}.',
  sms_send_failed: 'Bramka SMS odpowiedziała statusem HTTP {status}.',
  provider_endpoint_invalid: 'Punkt końcowy dostawcy musi być adresem URL http:// lub https:// bez danych logowania.',
  provider_request_invalid: 'Nie można wysłać żądania dostawcy: sprawdź jego punkt końcowy, nagłówki i typ treści.',
  sms_method_invalid: 'Metoda SMS „{method}” nie jest obsługiwana; użyj GET, POST, PUT lub DELETE.',
} satisfies NamespaceMessages<'service'>;
