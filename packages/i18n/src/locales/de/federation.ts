import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_enabled: 'Diese Anwendung bietet keine Anmeldung mit „{provider}“ an.',
  method_unsupported: 'Die Methode „{method}“ wird hier nicht unterstützt; verwenden Sie signin, signup oder link.',
  state_invalid: 'Diese Anmeldung ist nicht mehr gültig. Beginnen Sie erneut auf der Anmeldeseite.',
  provider_refused: '{provider} hat die Anmeldung nicht zugelassen. Bitte versuchen Sie es erneut.',
  provider_unreachable: '{provider} ist nicht erreichbar. Bitte versuchen Sie es später erneut.',
  provider_answer_invalid:
    'Der Antwort von {provider} konnte nicht vertraut werden, daher wurde die Anmeldung abgebrochen.',
  provider_misconfigured:
    'Die Anmeldung mit {provider} ist nicht richtig eingerichtet. Bitte wenden Sie sich an Ihre Administration.',
  signup_not_allowed:
    'Mit diesem {provider}-Konto ist hier kein Konto verknüpft, und damit können keine neuen Konten angelegt werden.',
  account_linked_elsewhere: 'Dieses {type}-Konto ist bereits mit einem anderen Benutzer verknüpft.',
  already_linked:
    'Ihr Konto ist bereits mit einem anderen {type}-Konto verknüpft. Heben Sie diese Verknüpfung zuerst auf.',
  not_linked: 'Mit diesem Benutzer ist kein {type}-Konto verknüpft.',
  unlink_not_allowed: 'Konten vom Typ {type} können hier nicht getrennt werden.',
  type_unknown: 'Konten vom Typ „{type}“ können nicht verknüpft werden.',
  page_sign_in_with: 'Mit {provider} anmelden',
  page_or: 'oder',
  page_callback_title: 'Anmeldung läuft…',
  page_linked_accounts: 'Verknüpfte Konten',
  page_link: 'Verknüpfen',
  page_unlink: 'Trennen',
  page_linked_as: 'Verknüpft: {name}',
  page_not_linked: 'Nicht verknüpft',
  page_prompted: 'Ihre Organisation bittet Sie, dieses Konto zu verknüpfen',
  page_linked: 'Das Konto ist verknüpft.',
  page_unlinked: 'Das Konto ist getrennt.',
  page_back_to_sign_in: 'Zurück zur Anmeldung',
} satisfies NamespaceMessages<'federation'>;
