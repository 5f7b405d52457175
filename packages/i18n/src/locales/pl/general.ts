import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: 'Coś poszło nie tak po naszej stronie. Spróbuj ponownie później (żądanie {requestId}).',
  route_not_found: 'Pod adresem {path} nie ma API.',
  method_not_allowed: 'Metoda {method} nie jest tu dozwolona.',
  malformed_json: 'Treść żądania nie jest poprawnym JSON.',
  malformed_body: 'Nie udało się odczytać treści żądania.',
  invalid_content_type: 'Nagłówek Content-Type jest nieprawidłowy.',
  body_too_large: 'Treść żądania jest zbyt duża.',
  body_too_deep: 'Treść żądania jest zagnieżdżona zbyt głęboko.',
  nul_character: 'Żądanie zawiera znak NUL, który jest niedozwolony.',
  key_generation_busy: 'Serwer jest zbyt zajęty, aby teraz utworzyć nowy klucz; spróbuj ponownie za chwilę.',
  value_too_large: 'Wartość w żądaniu jest zbyt długa, aby ją zapisać.',
  invalid_field: 'Pole „{field}” ma niedozwoloną wartość.',
  missing_parameter: 'Parametr „{name}” jest wymagany.',
  invalid_parameter: 'Parametr „{name}” ma niedozwoloną wartość.',
  invalid_id: 'Identyfikator „{id}” musi mieć postać właściciel/nazwa.',
  forbidden_name_characters: 'Nazwa nie może zawierać żadnego z tych znaków: / ? : # & % = + ;',
  please_login_first: 'Najpierw się zaloguj.',
  unauthorized_operation: 'Nie masz uprawnień do wykonania tej operacji.',
  too_many_requests: 'Zbyt wiele żądań. Odczekaj chwilę i spróbuj ponownie.',
  ok: 'OK',
} satisfies NamespaceMessages<'general'>;
