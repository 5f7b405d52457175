import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: 'Le fournisseur « {name} » n’existe pas ou ne peut pas être utilisé par cette organisation.',
  provider_wrong_category: 'Le fournisseur « {name} » n’est pas un fournisseur de la catégorie {category}.',
  no_provider: 'Aucun fournisseur {category} n’est configuré pour l’application.',
  email_fields_required: 'Le titre, le contenu et l’expéditeur sont obligatoires.',
  receivers_required: 'Au moins un destinataire est requis.',
  too_many_receivers: 'Un message peut avoir au plus {max} destinataires.',
  invalid_email_receiver: '« {receiver} » n’est pas une adresse e-mail valide.',
  invalid_phone_receiver: '« {receiver} » n’est pas un numéro de téléphone valide.',
  line_break_not_allowed: 'Le champ « {field} » ne peut contenir ni saut de ligne ni autre caractère de contrôle.',
  content_too_long: 'Le champ « {field} » est trop long (au plus {max} caractères).',
  email_type_not_supported:
    'Les fournisseurs d’e-mail de type « {type} » ne sont pas pris en charge ; utilisez un fournisseur SMTP, « SendGrid » ou « Custom HTTP Email ».',
  sms_type_not_supported:
    'Les fournisseurs de SMS de type « {type} » ne sont pas pris en charge ; utilisez « Twilio » ou « Custom HTTP SMS ».',
  smtp_host_required: 'Le fournisseur d’e-mail n’a pas d’hôte.',
  address_refused: 'L’adresse du serveur du fournisseur n’est pas autorisée : elle n’est pas sur l’Internet public.',
  delivery_timeout: 'Le serveur du fournisseur n’a pas répondu à temps.',
  connection_failed: 'Le serveur du fournisseur est injoignable.',
  connection_refused: 'Le serveur du fournisseur a refusé la connexion (connection refused).',
  smtp_auth_failed: 'Le serveur SMTP a refusé l’identifiant ou le mot de passe du fournisseur.',
  tls_failed: 'Aucune connexion sécurisée (TLS) n’a pu être établie avec le serveur SMTP.',
  email_send_failed: 'Le serveur SMTP a refusé l’e-mail (code {code}).',
  email_api_failed: 'Le service d’e-mail a répondu avec le statut HTTP {status}.',
  sms_send_failed: 'La passerelle SMS a répondu avec le statut HTTP {status}.',
  provider_endpoint_invalid:
    'Le point de terminaison du fournisseur doit être une URL http:// ou https:// sans identifiants.',
  provider_request_invalid:
    'La requête du fournisseur ne peut pas être envoyée : vérifiez son point de terminaison, ses en-têtes et son type de contenu.',
  sms_method_invalid: 'La méthode SMS « {method} » n’est pas prise en charge ; utilisez GET, POST, PUT ou DELETE.',
} satisfies NamespaceMessages<'service'>;
