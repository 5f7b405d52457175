import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'Cette demande de clé d’accès a expiré ou a déjà reçu une réponse. Recommencez.',
  verification_failed: 'La clé d’accès n’a pas pu être vérifiée.',
  response_invalid: 'La réponse de clé d’accès du navigateur est mal formée.',
  unknown_credential: 'Cette clé d’accès n’est pas enregistrée ici.',
  already_registered: 'Cette clé d’accès est déjà enregistrée.',
  not_found: 'Ce compte n’a pas cette clé d’accès.',
  signin_disabled: 'La connexion par clé d’accès n’est pas activée pour cette application.',
  too_many: 'Un compte peut avoir au plus {limit} clés d’accès.',
  name_too_long: 'Le nom d’une clé d’accès peut compter au plus {limit} caractères.',
} satisfies NamespaceMessages<'passkey'>;
