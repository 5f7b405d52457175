import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: 'Qualcosa è andato storto da parte nostra. Riprova più tardi (richiesta {requestId}).',
  route_not_found: 'Non esiste alcuna API in {path}.',
  method_not_allowed: 'Il metodo {method} non è consentito qui.',
  malformed_json: 'Il corpo della richiesta non è un JSON valido.',
  malformed_body: 'Impossibile leggere il corpo della richiesta.',
  invalid_content_type: "L'intestazione Content-Type non è valida.",
  body_too_large: 'Il corpo della richiesta è troppo grande.',
  body_too_deep: 'Il corpo della richiesta ha troppi livelli di annidamento.',
  nul_character: 'La richiesta contiene il carattere NUL, che non è consentito.',
  key_generation_busy: 'Il server è troppo occupato per creare una nuova chiave ora; riprova tra poco.',
  value_too_large: 'Un valore della richiesta è troppo lungo per essere salvato.',
  invalid_field: 'Il campo "{field}" ha un valore non consentito.',
  missing_parameter: 'Il parametro "{name}" è obbligatorio.',
  invalid_parameter: 'Il parametro "{name}" ha un valore non consentito.',
  invalid_id: 'L\'id "{id}" deve avere la forma proprietario/nome.',
  forbidden_name_characters: 'Il nome non può contenere nessuno di questi caratteri: / ? : # & % = + ;',
  please_login_first: 'Accedi prima.',
  unauthorized_operation: 'Non hai il permesso di farlo.',
  too_many_requests: 'Troppe richieste. Attendi un momento e riprova.',
  ok: 'OK',
} satisfies NamespaceMessages<'general'>;
