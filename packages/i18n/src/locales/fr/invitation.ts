import type { NamespaceMessages } from '../../types.ts';

export default {
  state_invalid: "L'état « {state} » n'est pas autorisé : utilisez Active ou Suspended.",
  quota_invalid: 'Le quota doit être un nombre entier, 0 ou plus.',
  code_too_long: 'Le code et le code par défaut ne peuvent dépasser {max} caractères.',
  code_invalid: "Le code n'est pas une expression régulière utilisable par Latchkey : {reason}",
  default_code_mismatch: "Le code par défaut doit être un code que l'invitation accepte.",
  email_invalid: "L'adresse e-mail de l'invitation n'est pas valide.",
  expire_time_invalid: "La date d'expiration doit être une date et une heure (comme 2030-01-31T12:00:00Z), ou vide.",
  application_not_found: "L'application {name} n'est pas une application de l'organisation {organization}.",
  code_required: "Cette application demande un code d'invitation pour s'inscrire.",
  code_not_valid: "Le code d'invitation n'est pas valide.",
  suspended: "Le code d'invitation est suspendu.",
  expired: "Le code d'invitation a expiré.",
  exhausted: "Le code d'invitation a été utilisé autant de fois qu'il le permet.",
  username_mismatch: "Inscrivez-vous avec le nom d'utilisateur auquel l'invitation est destinée.",
  email_mismatch: "Inscrivez-vous avec l'adresse e-mail à laquelle l'invitation est destinée.",
  phone_mismatch: "Inscrivez-vous avec le numéro de téléphone auquel l'invitation est destinée.",
  not_found: "L'invitation {id} n'existe pas.",
  no_application: "L'organisation {organization} n'a aucune application où s'inscrire.",
  no_email_provider:
    "L'application {application} de l'organisation {organization} n'a pas de fournisseur e-mail pour envoyer les invitations : ajoutez-en un à ses fournisseurs.",
  email_title: 'Vous êtes invité',
  email_content: 'Vous êtes invité à vous inscrire sur {organization}. Suivez ce lien pour créer votre compte :',
  email_code: "Votre code d'invitation : {code}",
} satisfies NamespaceMessages<'invitation'>;
