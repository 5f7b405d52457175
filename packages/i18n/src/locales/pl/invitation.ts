import type { NamespaceMessages } from '../../types.ts';

export default {
  state_invalid: 'Stan „{state}” jest niedozwolony: użyj Active lub Suspended.',
  quota_invalid: 'Limit musi być liczbą całkowitą, 0 lub więcej.',
  code_too_long: 'Kod i kod domyślny mogą mieć najwyżej {max} znaków.',
  code_invalid: 'Kod nie jest wyrażeniem regularnym, którego Latchkey może użyć: {reason}',
  default_code_mismatch: 'Kod domyślny musi być kodem, który zaproszenie akceptuje.',
  email_invalid: 'Adres e-mail zaproszenia jest nieprawidłowy.',
  expire_time_invalid: 'Czas wygaśnięcia musi być datą i godziną (np. 2030-01-31T12:00:00Z) albo pusty.',
  application_not_found: 'Aplikacja {name} nie jest aplikacją organizacji {organization}.',
  code_required: 'Ta aplikacja wymaga kodu zaproszenia do rejestracji.',
  code_not_valid: 'Kod zaproszenia jest nieprawidłowy.',
  suspended: 'Kod zaproszenia jest zawieszony.',
  expired: 'Kod zaproszenia wygasł.',
  exhausted: 'Kod zaproszenia został użyty tyle razy, ile pozwala.',
  username_mismatch: 'Zarejestruj się z nazwą użytkownika, dla której jest zaproszenie.',
  email_mismatch: 'Zarejestruj się z adresem e-mail, dla którego jest zaproszenie.',
  phone_mismatch: 'Zarejestruj się z numerem telefonu, dla którego jest zaproszenie.',
  not_found: 'Zaproszenie {id} nie istnieje.',
  no_application: 'Organizacja {organization} nie ma aplikacji, w której można się zarejestrować.',
  no_email_provider:
    'Aplikacja {application} organizacji {organization} nie ma dostawcy e-mail do wysyłania zaproszeń: dodaj go do jej dostawców.',
  email_title: 'Masz zaproszenie',
  email_content: 'Zapraszamy do rejestracji w {organization}. Otwórz ten link, aby utworzyć konto:',
  email_code: 'Twój kod zaproszenia: {code}',
} satisfies NamespaceMessages<'invitation'>;
