import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error:
    'Auf unserer Seite ist etwas schiefgelaufen. Bitte versuchen Sie es später erneut (Anfrage {requestId}).',
  route_not_found: 'Unter {path} gibt es keine API.',
  method_not_allowed: 'Die Methode {method} ist hier nicht erlaubt.',
  malformed_json: 'Der Anfragetext ist kein gültiges JSON.',
  malformed_body: 'Der Anfragetext konnte nicht gelesen werden.',
  invalid_content_type: 'Der Content-Type-Header ist ungültig.',
  body_too_large: 'Der Anfragetext ist zu groß.',
  body_too_deep: 'Der Anfragetext ist zu tief verschachtelt.',
  nul_character: 'Die Anfrage enthält das NUL-Zeichen, das nicht erlaubt ist.',
  key_generation_busy:
    'Der Server ist zu ausgelastet, um jetzt einen neuen Schlüssel zu erzeugen; bitte versuchen Sie es gleich noch einmal.',
  value_too_large: 'Ein Wert in der Anfrage ist zu lang, um gespeichert zu werden.',
  invalid_field: 'Das Feld „{field}“ hat einen unzulässigen Wert.',
  missing_parameter: 'Der Parameter „{name}“ ist erforderlich.',
  invalid_parameter: 'Der Parameter „{name}“ hat einen unzulässigen Wert.',
  invalid_id: 'Die ID „{id}“ muss die Form Besitzer/Name haben.',
  forbidden_name_characters: 'Der Name darf keines dieser Zeichen enthalten: / ? : # & % = + ;',
  please_login_first: 'Bitte melden Sie sich zuerst an.',
  unauthorized_operation: 'Sie dürfen diese Aktion nicht ausführen.',
  too_many_requests: 'Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
  ok: 'OK',
} satisfies NamespaceMessages<'general'>;
