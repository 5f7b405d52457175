import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'To żądanie klucza dostępu wygasło lub otrzymało już odpowiedź. Zacznij od nowa.',
  verification_failed: 'Nie udało się zweryfikować klucza dostępu.',
  response_invalid: 'Odpowiedź przeglądarki z kluczem dostępu jest nieprawidłowa.',
  unknown_credential: 'Ten klucz dostępu nie jest tu zarejestrowany.',
  already_registered: 'Ten klucz dostępu jest już zarejestrowany.',
  not_found: 'To konto nie ma takiego klucza dostępu.',
  signin_disabled: 'Logowanie kluczem dostępu nie jest włączone dla tej aplikacji.',
  too_many: 'Konto może mieć najwyżej {limit} kluczy dostępu.',
  name_too_long: 'Nazwa klucza dostępu może mieć najwyżej {limit} znaków.',
} satisfies NamespaceMessages<'passkey'>;
