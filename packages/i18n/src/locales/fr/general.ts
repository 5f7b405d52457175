import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: 'Un problème est survenu de notre côté. Veuillez réessayer plus tard (requête {requestId}).',
  route_not_found: "Il n'y a pas d'API à {path}.",
  method_not_allowed: "La méthode {method} n'est pas autorisée ici.",
  malformed_json: "Le corps de la requête n'est pas un JSON valide.",
  malformed_body: "Le corps de la requête n'a pas pu être lu.",
  invalid_content_type: "L'en-tête Content-Type n'est pas valide.",
  body_too_large: 'Le corps de la requête est trop volumineux.',
  body_too_deep: 'Le corps de la requête est imbriqué trop profondément.',
  nul_character: 'La requête contient le caractère NUL, qui n’est pas autorisé.',
  key_generation_busy: 'Le serveur est trop occupé pour créer une nouvelle clé maintenant ; réessayez dans un instant.',
  value_too_large: 'Une valeur de la requête est trop longue pour être enregistrée.',
  invalid_field: 'Le champ « {field} » a une valeur non autorisée.',
  missing_parameter: 'Le paramètre « {name} » est obligatoire.',
  invalid_parameter: 'Le paramètre « {name} » a une valeur non autorisée.',
  invalid_id: "L'identifiant « {id} » doit avoir la forme propriétaire/nom.",
  forbidden_name_characters: 'Le nom ne peut contenir aucun de ces caractères : / ? : # & % = + ;',
  please_login_first: "Veuillez d'abord vous connecter.",
  unauthorized_operation: "Vous n'êtes pas autorisé à effectuer cette opération.",
  too_many_requests: 'Trop de requêtes. Veuillez patienter un instant et réessayer.',
  ok: 'OK',
} satisfies NamespaceMessages<'general'>;
