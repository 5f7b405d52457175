import type { NamespaceMessages } from '../../types.ts';

export default {
  password_alone_refused:
    'To konto wymaga drugiego składnika, o który ten sposób logowania nie może poprosić. Zaloguj się na stronie logowania.',
  passcode_wrong: 'Kod jest nieprawidłowy.',
  passcode_used: 'Ten kod został już użyty. Poczekaj na następny.',
  passcode_missing: 'Wpisz kod z aplikacji uwierzytelniającej albo kod odzyskiwania.',
  recovery_code_wrong: 'Kod odzyskiwania jest nieprawidłowy lub został już użyty.',
  signin_expired: 'To logowanie wygasło. Zaloguj się ponownie hasłem.',
  type_unsupported: 'Drugi składnik „{type}” nie jest tu dostępny; użyj aplikacji uwierzytelniającej (app).',
  not_enrolled: 'To konto nie ma skonfigurowanego drugiego składnika „{type}”.',
  enrolment_missing: 'Nie trwa żadna konfiguracja drugiego składnika; zacznij od nowa.',
  enrolment_not_verified: 'Najpierw potwierdź konfigurację kodem z aplikacji uwierzytelniającej.',
  enrol_first: 'Skonfiguruj drugi składnik, aby dokończyć logowanie.',
  interaction_required: 'Użytkownik musi najpierw przejść weryfikację drugiego składnika.',
  page_verify_title: 'Weryfikacja dwuetapowa',
  page_enrol_title: 'Konfiguracja weryfikacji dwuetapowej',
  page_signing_in_as: 'Logowanie jako {name}.',
  page_verify_hint: 'Wpisz 6-cyfrowy kod wyświetlany przez aplikację uwierzytelniającą.',
  page_enrol_scan:
    'Aby się tu zalogować, potrzebny jest drugi składnik. Zeskanuj ten kod QR aplikacją uwierzytelniającą.',
  page_qr_alt: 'Kod QR dodający to konto do aplikacji uwierzytelniającej',
  page_enrol_key: 'Albo wpisz ten klucz w aplikacji:',
  page_recovery_codes_intro:
    'Przechowuj te kody odzyskiwania w bezpiecznym miejscu. Każdy pozwala zalogować się raz, jeśli zgubisz urządzenie. Są wyświetlane tylko teraz.',
  page_passcode: 'Kod z aplikacji',
  page_verify: 'Potwierdź',
  page_enable: 'Włącz i kontynuuj',
  page_use_recovery_code: 'Użyj kodu odzyskiwania',
  page_recovery_code: 'Kod odzyskiwania',
  page_enrol_passkey: 'Zamiast tego skonfiguruj klucz dostępu',
  page_enrol_passkey_hint:
    'Możesz też użyć jako drugiego składnika klucza dostępu tego urządzenia, klucza bezpieczeństwa lub telefonu: bez aplikacji i bez kodu.',
  page_enrol_passkey_name: 'Klucz dostępu',
} satisfies NamespaceMessages<'mfa'>;
