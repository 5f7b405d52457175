import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: 'Der Anbieter „{name}“ existiert nicht oder kann von dieser Organisation nicht verwendet werden.',
  provider_wrong_category: 'Der Anbieter „{name}“ ist kein Anbieter der Kategorie {category}.',
  no_provider: 'Für die Anwendung ist kein {category}-Anbieter eingerichtet.',
  email_fields_required: 'Titel, Inhalt und Absender sind erforderlich.',
  receivers_required: 'Mindestens ein Empfänger ist erforderlich.',
  too_many_receivers: 'Eine Nachricht darf höchstens {max} Empfänger haben.',
  invalid_email_receiver: '„{receiver}“ ist keine gültige E-Mail-Adresse.',
  invalid_phone_receiver: '„{receiver}“ ist keine gültige Telefonnummer.',
  line_break_not_allowed: 'Das Feld „{field}“ darf keine Zeilenumbrüche oder anderen Steuerzeichen enthalten.',
  content_too_long: 'Das Feld „{field}“ ist zu lang (höchstens {max} Zeichen).',
  email_type_not_supported:
    'E-Mail-Anbieter vom Typ „{type}“ werden nicht unterstützt; verwenden Sie einen SMTP-Anbieter, „SendGrid“ oder „Custom HTTP Email“.',
  sms_type_not_supported:
    'SMS-Anbieter vom Typ „{type}“ werden nicht unterstützt; verwenden Sie „Twilio“ oder „Custom HTTP SMS“.',
  smtp_host_required: 'Der E-Mail-Anbieter hat keinen Host.',
  address_refused: 'Die Serveradresse des Anbieters ist nicht erlaubt: Sie liegt nicht im öffentlichen Internet.',
  delivery_timeout: 'Der Server des Anbieters hat nicht rechtzeitig geantwortet.',
  connection_failed: 'Der Server des Anbieters war nicht erreichbar.',
  connection_refused: 'Der Server des Anbieters hat die Verbindung abgelehnt (connection refused).',
  smtp_auth_failed: 'Der SMTP-Server hat Benutzername oder Passwort des Anbieters abgelehnt.',
  tls_failed: 'Es konnte keine sichere (TLS-)Verbindung zum SMTP-Server aufgebaut werden.',
  email_send_failed: 'Der SMTP-Server hat die E-Mail abgelehnt (Code {code}).',
  email_api_failed: 'Der E-Mail-Dienst antwortete mit dem HTTP-Status {status}.',
  sms_send_failed: 'Das SMS-Gateway hat mit dem HTTP-Status {status} geantwortet.',
  provider_endpoint_invalid: 'Der Endpunkt des Anbieters muss eine http://- oder https://-URL ohne Zugangsdaten sein.',
  provider_request_invalid:
    'Die Anfrage des Anbieters kann nicht gesendet werden: Prüfen Sie Endpunkt, Header und Inhaltstyp.',
  sms_method_invalid: 'Die SMS-Methode „{method}“ wird nicht unterstützt; verwenden Sie GET, POST, PUT oder DELETE.',
} satisfies NamespaceMessages<'service'>;
