import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: 'Il provider "{name}" non esiste o non può essere usato da questa organizzazione.',
  provider_wrong_category: 'Il provider "{name}" non è un provider della categoria {category}.',
  no_provider: 'Per l’applicazione non è configurato alcun provider {category}.',
  email_fields_required: 'Titolo, contenuto e mittente sono obbligatori.',
  receivers_required: 'È necessario almeno un destinatario.',
  too_many_receivers: 'Un messaggio può avere al massimo {max} destinatari.',
  invalid_email_receiver: '"{receiver}" non è un indirizzo email valido.',
  invalid_phone_receiver: '"{receiver}" non è un numero di telefono valido.',
  line_break_not_allowed: 'Il campo "{field}" non può contenere a capo o altri caratteri di controllo.',
  content_too_long: 'Il campo "{field}" è troppo lungo (al massimo {max} caratteri).',
  email_type_not_supported:
    'I provider email di tipo "{type}" non sono supportati; usa un provider SMTP, "SendGrid" o "Custom HTTP Email".',
  sms_type_not_supported: 'I provider SMS di tipo "{type}" non sono supportati; usa "Twilio" o "Custom HTTP SMS".',
  smtp_host_required: 'Il provider email non ha un host.',
  address_refused: 'L’indirizzo del server del provider non è consentito: non è sulla rete Internet pubblica.',
  delivery_timeout: 'Il server del provider non ha risposto in tempo.',
  connection_failed: 'Impossibile raggiungere il server del provider.',
  connection_refused: 'Il server del provider ha rifiutato la connessione (connection refused).',
  smtp_auth_failed: 'Il server SMTP ha rifiutato il nome utente o la password del provider.',
  tls_failed: 'Impossibile stabilire una connessione sicura (TLS) con il server SMTP.',
  email_send_failed: 'Il server SMTP ha rifiutato l’email (codice {code}).',
  email_api_failed: 'Il servizio email ha risposto con lo stato HTTP {status}.',
  sms_send_failed: 'Il gateway SMS ha risposto con lo stato HTTP {status}.',
  provider_endpoint_invalid: 'L’endpoint del provider deve essere un URL http:// o https:// senza credenziali.',
  provider_request_invalid:
    'La richiesta del provider non può essere inviata: controlla endpoint, intestazioni e tipo di contenuto.',
  sms_method_invalid: 'Il metodo SMS "{method}" non è supportato; usa GET, POST, PUT o DELETE.',
} satisfies NamespaceMessages<'service'>;
