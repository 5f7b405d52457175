import type { NamespaceMessages } from '../../types.ts';

export default {
  password_alone_refused:
    'Questo account richiede un secondo fattore, che questo modo di accesso non può chiedere. Accedi invece dalla pagina di accesso.',
  passcode_wrong: 'Il codice è errato.',
  passcode_used: 'Questo codice è già stato usato. Attendi il prossimo.',
  passcode_missing: 'Inserisci il codice della tua app di autenticazione oppure un codice di recupero.',
  recovery_code_wrong: 'Il codice di recupero è errato o è già stato usato.',
  signin_expired: 'Questo accesso è scaduto. Accedi di nuovo con la password.',
  type_unsupported: 'Il secondo fattore "{type}" non è offerto qui; usa un\'app di autenticazione (app).',
  not_enrolled: 'Per questo account non è configurato il secondo fattore "{type}".',
  enrolment_missing: 'Non è in corso alcuna configurazione di un secondo fattore; ricomincia.',
  enrolment_not_verified: 'Conferma prima la configurazione con un codice della tua app di autenticazione.',
  enrol_first: "Configura un secondo fattore per completare l'accesso.",
  interaction_required: "L'utente deve prima superare un secondo fattore.",
  page_verify_title: 'Verifica in due passaggi',
  page_enrol_title: 'Configura la verifica in due passaggi',
  page_signing_in_as: 'Accesso come {name}.',
  page_verify_hint: 'Inserisci il codice di 6 cifre mostrato dalla tua app di autenticazione.',
  page_enrol_scan:
    "Per accedere qui serve un secondo fattore. Scansiona questo codice QR con un'app di autenticazione.",
  page_qr_alt: "Codice QR che aggiunge questo account a un'app di autenticazione",
  page_enrol_key: "Oppure digita questa chiave nell'app:",
  page_recovery_codes_intro:
    'Conserva questi codici di recupero in un luogo sicuro. Ognuno consente un accesso se perdi il dispositivo. Vengono mostrati solo ora.',
  page_passcode: "Codice dell'app",
  page_verify: 'Verifica',
  page_enable: 'Attiva e continua',
  page_use_recovery_code: 'Usa invece un codice di recupero',
  page_recovery_code: 'Codice di recupero',
  page_enrol_passkey: 'Configura invece una passkey',
  page_enrol_passkey_hint:
    'Oppure usa come secondo fattore una passkey di questo dispositivo, una chiave di sicurezza o il telefono: nessuna app e nessun codice.',
  page_enrol_passkey_name: 'Passkey',
  email_missing: 'Aggiungi prima un indirizzo email al tuo account: i codici vengono inviati lì.',
  phone_missing: 'Aggiungi prima un numero di telefono al tuo account: i codici vengono inviati lì.',
  same_factor: 'Questo accesso ha già usato questo fattore; scegline un altro.',
  code_signin_same_factor:
    'Il secondo fattore di questo account è un codice inviato allo stesso recapito. Accedi con la tua password.',
  destination_not_own:
    'I codici di un secondo fattore vanno solo all’indirizzo email o al numero di telefono dell’account stesso.',
  page_email_hint: 'Inserisci il codice di 6 cifre inviato via email a {destination}.',
  page_sms_hint: 'Inserisci il codice di 6 cifre inviato via SMS a {destination}.',
  page_send_code: 'Invia codice',
  page_code_sent: 'Un codice è in arrivo a {destination}. È valido per 10 minuti.',
  page_method_app: 'App di autenticazione',
  page_method_email: 'Codice via email',
  page_method_sms: 'Codice via SMS',
  page_sent_code: 'Codice del messaggio',
} satisfies NamespaceMessages<'mfa'>;
