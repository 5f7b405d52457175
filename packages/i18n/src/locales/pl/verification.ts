import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'Typ musi mieć wartość "email" lub "phone".',
  method_invalid: 'Metoda "{method}" nie jest obsługiwana: użyj signup, login, forget lub reset.',
  application_id_invalid: 'Parametr "applicationId" musi wskazywać aplikację w postaci owner/name.',
  resend_too_soon:
    'Kod został wysłany na ten adres mniej niż {seconds} sekund temu. Poczekaj, zanim poprosisz o kolejny.',
  too_many_codes: 'Poproszono o zbyt wiele kodów weryfikacyjnych. Spróbuj ponownie później.',
  code_invalid: 'Kod weryfikacyjny jest błędny, wygasł lub był wpisywany zbyt wiele razy. Poproś o nowy kod.',
  forgot_password_disabled: 'Ta aplikacja nie umożliwia zresetowania zapomnianego hasła.',
  code_signin_disabled: 'Logowanie kodem weryfikacyjnym nie jest włączone dla tej aplikacji.',
  email_code_required: 'Wpisz kod weryfikacyjny wysłany na Twój adres e-mail.',
  phone_code_required: 'Wpisz kod weryfikacyjny wysłany na Twój telefon.',
  reset_type_invalid: 'Typ musi mieć wartość "email" lub "phone".',
  email_subject: '{organization}: Twój kod weryfikacyjny',
  email_greeting: 'Dzień dobry,',
  email_intro: 'Twój kod weryfikacyjny dla {organization} to:',
  email_expiry: 'Jest ważny przez {minutes} minut i można go użyć tylko raz.',
  email_ignore: 'Jeśli nie prosiłeś o ten kod, zignoruj tę wiadomość.',
  sms_text: '{organization}: Twój kod weryfikacyjny to {code}. Jest ważny przez {minutes} minut.',
  email_sender_note: 'Wysłano przez {organization}.',
} satisfies NamespaceMessages<'verification'>;
