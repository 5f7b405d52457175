import type { NamespaceMessages } from '../../types.ts';

export default {
  state_invalid: 'Der Status "{state}" ist nicht erlaubt: verwenden Sie Active oder Suspended.',
  quota_invalid: 'Das Kontingent muss eine ganze Zahl sein, 0 oder mehr.',
  code_too_long: 'Der Code und der Standardcode dürfen höchstens {max} Zeichen haben.',
  code_invalid: 'Der Code ist kein regulärer Ausdruck, den Latchkey verwenden kann: {reason}',
  default_code_mismatch: 'Der Standardcode muss ein Code sein, den die Einladung annimmt.',
  email_invalid: 'Die E-Mail-Adresse der Einladung ist ungültig.',
  expire_time_invalid: 'Die Ablaufzeit muss ein Datum mit Uhrzeit sein (etwa 2030-01-31T12:00:00Z) oder leer.',
  application_not_found: 'Die Anwendung {name} ist keine Anwendung der Organisation {organization}.',
  code_required: 'Diese Anwendung verlangt für die Registrierung einen Einladungscode.',
  code_not_valid: 'Der Einladungscode ist ungültig.',
  suspended: 'Der Einladungscode ist gesperrt.',
  expired: 'Der Einladungscode ist abgelaufen.',
  exhausted: 'Der Einladungscode wurde so oft verwendet, wie er erlaubt.',
  username_mismatch: 'Registrieren Sie sich mit dem Benutzernamen, für den die Einladung gilt.',
  email_mismatch: 'Registrieren Sie sich mit der E-Mail-Adresse, für die die Einladung gilt.',
  phone_mismatch: 'Registrieren Sie sich mit der Telefonnummer, für die die Einladung gilt.',
  not_found: 'Die Einladung {id} existiert nicht.',
  no_application: 'Die Organisation {organization} hat keine Anwendung, bei der man sich registrieren kann.',
  no_email_provider:
    'Die Anwendung {application} der Organisation {organization} hat keinen E-Mail-Anbieter zum Versenden von Einladungen: fügen Sie ihren Anbietern einen hinzu.',
  email_title: 'Sie sind eingeladen',
  email_content:
    'Sie sind eingeladen, sich bei {organization} zu registrieren. Folgen Sie diesem Link, um Ihr Konto anzulegen:',
  email_code: 'Ihr Einladungscode: {code}',
} satisfies NamespaceMessages<'invitation'>;
