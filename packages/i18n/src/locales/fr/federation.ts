import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_enabled: 'Cette application ne propose pas la connexion avec « {provider} ».',
  method_unsupported: 'La méthode « {method} » n’est pas prise en charge ici ; utilisez signin, signup ou link.',
  state_invalid: 'Cette connexion n’est plus valable. Recommencez depuis la page de connexion.',
  provider_refused: '{provider} ne vous a pas laissé vous connecter. Veuillez réessayer.',
  provider_unreachable: '{provider} est injoignable. Veuillez réessayer plus tard.',
  provider_answer_invalid: 'La réponse de {provider} n’était pas fiable ; la connexion a été arrêtée.',
  provider_misconfigured:
    'La connexion avec {provider} n’est pas correctement configurée. Prévenez votre administrateur.',
  signup_not_allowed:
    'Aucun compte ici n’est lié à ce compte {provider}, et il ne permet pas de créer de nouveaux comptes.',
  account_linked_elsewhere: 'Ce compte {type} est déjà lié à un autre utilisateur.',
  already_linked: 'Votre compte est déjà lié à un autre compte {type}. Déliez-le d’abord.',
  not_linked: 'Aucun compte {type} n’est lié à cet utilisateur.',
  unlink_not_allowed: 'Les comptes de type {type} ne peuvent pas être déliés ici.',
  type_unknown: 'Les comptes de type « {type} » ne peuvent pas être liés.',
  page_sign_in_with: 'Se connecter avec {provider}',
  page_or: 'ou',
  page_callback_title: 'Connexion en cours…',
  page_linked_accounts: 'Comptes liés',
  page_link: 'Lier',
  page_unlink: 'Délier',
  page_linked_as: 'Lié : {name}',
  page_not_linked: 'Non lié',
  page_prompted: 'Votre organisation vous demande de lier ce compte',
  page_linked: 'Le compte est lié.',
  page_unlinked: 'Le compte est délié.',
  page_back_to_sign_in: 'Retour à la connexion',
} satisfies NamespaceMessages<'federation'>;
