import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_enabled: 'Questa applicazione non offre l’accesso con "{provider}".',
  method_unsupported: 'Il metodo "{method}" non è supportato qui; usa signin, signup o link.',
  state_invalid: 'Questo accesso non è più valido. Ricomincia dalla pagina di accesso.',
  provider_refused: '{provider} non ti ha consentito di accedere. Riprova.',
  provider_unreachable: 'Impossibile raggiungere {provider}. Riprova più tardi.',
  provider_answer_invalid: 'La risposta di {provider} non era affidabile, quindi l’accesso è stato interrotto.',
  provider_misconfigured: 'L’accesso con {provider} non è configurato correttamente. Avvisa il tuo amministratore.',
  signup_not_allowed:
    'Nessun account qui è collegato a questo account {provider} e non è possibile creare nuovi account con esso.',
  account_linked_elsewhere: 'Questo account {type} è già collegato a un altro utente.',
  already_linked: 'Il tuo account è già collegato a un altro account {type}. Scollegalo prima.',
  not_linked: 'Nessun account {type} è collegato a questo utente.',
  unlink_not_allowed: 'Gli account di tipo {type} non possono essere scollegati qui.',
  type_unknown: 'Gli account di tipo "{type}" non possono essere collegati.',
  page_sign_in_with: 'Accedi con {provider}',
  page_or: 'oppure',
  page_callback_title: 'Accesso in corso…',
  page_linked_accounts: 'Account collegati',
  page_link: 'Collega',
  page_unlink: 'Scollega',
  page_linked_as: 'Collegato: {name}',
  page_not_linked: 'Non collegato',
  page_linked: 'L’account è collegato.',
  page_unlinked: 'L’account è scollegato.',
  page_back_to_sign_in: 'Torna all’accesso',
} satisfies NamespaceMessages<'federation'>;
