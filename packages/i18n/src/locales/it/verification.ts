import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'Il tipo deve essere "email" o "phone".',
  method_invalid: 'Il metodo "{method}" non è supportato: usa signup, login, forget o reset.',
  application_id_invalid: 'Il parametro "applicationId" deve indicare un’applicazione come owner/name.',
  resend_too_soon:
    'Un codice è stato inviato a questo indirizzo meno di {seconds} secondi fa. Attendi prima di chiederne un altro.',
  too_many_codes: 'Sono stati chiesti troppi codici di verifica. Riprova più tardi.',
  code_invalid: 'Il codice di verifica è errato, è scaduto o è stato provato troppe volte. Chiedi un nuovo codice.',
  forgot_password_disabled: 'Questa applicazione non consente di reimpostare una password dimenticata.',
  code_signin_disabled: 'L’accesso con codice di verifica non è attivo per questa applicazione.',
  email_code_required: 'Inserisci il codice di verifica inviato al tuo indirizzo email.',
  phone_code_required: 'Inserisci il codice di verifica inviato al tuo telefono.',
  reset_type_invalid: 'Il tipo deve essere "email" o "phone".',
  email_subject: '{organization}: il tuo codice di verifica',
  email_greeting: 'Ciao,',
  email_intro: 'Il tuo codice di verifica per {organization} è:',
  email_expiry: 'È valido per {minutes} minuti e si può usare una sola volta.',
  email_ignore: 'Se non hai chiesto questo codice, puoi ignorare questo messaggio.',
  sms_text: '{organization}: il tuo codice di verifica è {code}. È valido per {minutes} minuti.',
  email_sender_note: 'Inviato da {organization}.',
} satisfies NamespaceMessages<'verification'>;
