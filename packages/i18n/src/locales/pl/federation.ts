import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_enabled: 'Ta aplikacja nie oferuje logowania przez „{provider}”.',
  method_unsupported: 'Metoda „{method}” nie jest tu obsługiwana; użyj signin, signup lub link.',
  state_invalid: 'To logowanie nie jest już ważne. Zacznij od nowa na stronie logowania.',
  provider_refused: '{provider} nie pozwolił się zalogować. Spróbuj ponownie.',
  provider_unreachable: 'Nie udało się połączyć z {provider}. Spróbuj ponownie później.',
  provider_answer_invalid: 'Odpowiedź od {provider} nie była wiarygodna, więc logowanie przerwano.',
  provider_misconfigured: 'Logowanie przez {provider} nie jest poprawnie skonfigurowane. Powiadom administratora.',
  signup_not_allowed:
    'Żadne konto tutaj nie jest powiązane z tym kontem {provider}, a nie można nim założyć nowego konta.',
  account_linked_elsewhere: 'To konto {type} jest już powiązane z innym użytkownikiem.',
  already_linked: 'Twoje konto jest już powiązane z innym kontem {type}. Najpierw usuń to powiązanie.',
  not_linked: 'Z tym użytkownikiem nie jest powiązane żadne konto {type}.',
  unlink_not_allowed: 'Kont typu {type} nie można tu odłączyć.',
  type_unknown: 'Kont typu „{type}” nie można powiązać.',
  page_sign_in_with: 'Zaloguj się przez {provider}',
  page_or: 'lub',
  page_callback_title: 'Logowanie…',
  page_linked_accounts: 'Powiązane konta',
  page_link: 'Powiąż',
  page_unlink: 'Odłącz',
  page_linked_as: 'Powiązane: {name}',
  page_not_linked: 'Niepowiązane',
  page_linked: 'Konto zostało powiązane.',
  page_unlinked: 'Konto zostało odłączone.',
  page_back_to_sign_in: 'Wróć do logowania',
} satisfies NamespaceMessages<'federation'>;
