import type { NamespaceMessages } from '../../types.ts';

export default {
  state_invalid: 'Lo stato "{state}" non è consentito: usa Active o Suspended.',
  quota_invalid: 'La quota deve essere un numero intero, 0 o più.',
  code_too_long: 'Il codice e il codice predefinito possono avere al massimo {max} caratteri.',
  code_invalid: "Il codice non è un'espressione regolare che Latchkey può usare: {reason}",
  default_code_mismatch: "Il codice predefinito deve essere un codice che l'invito accetta.",
  email_invalid: "L'indirizzo email dell'invito non è valido.",
  expire_time_invalid: "La scadenza deve essere una data e un'ora (come 2030-01-31T12:00:00Z), oppure vuota.",
  application_not_found: "L'applicazione {name} non è un'applicazione dell'organizzazione {organization}.",
  code_required: 'Questa applicazione richiede un codice di invito per registrarsi.',
  code_not_valid: 'Il codice di invito non è valido.',
  suspended: 'Il codice di invito è sospeso.',
  expired: 'Il codice di invito è scaduto.',
  exhausted: 'Il codice di invito è stato usato tante volte quante ne consente.',
  username_mismatch: "Registrati con il nome utente a cui è destinato l'invito.",
  email_mismatch: "Registrati con l'indirizzo email a cui è destinato l'invito.",
  phone_mismatch: "Registrati con il numero di telefono a cui è destinato l'invito.",
  not_found: "L'invito {id} non esiste.",
  no_application: "L'organizzazione {organization} non ha alcuna applicazione a cui registrarsi.",
  no_email_provider:
    "L'applicazione {application} dell'organizzazione {organization} non ha un provider email per inviare gli inviti: aggiungine uno ai suoi provider.",
  email_title: 'Sei invitato',
  email_content: 'Sei invitato a registrarti su {organization}. Segui questo link per creare il tuo account:',
  email_code: 'Il tuo codice di invito: {code}',
} satisfies NamespaceMessages<'invitation'>;
