import type { NamespaceMessages } from '../../types.ts';

export default {
  password_alone_refused:
    'Ce compte exige un second facteur, que ce mode de connexion ne peut pas demander. Connectez-vous plutôt sur la page de connexion.',
  passcode_wrong: 'Le code est incorrect.',
  passcode_used: 'Ce code a déjà été utilisé. Attendez le suivant.',
  passcode_missing: 'Saisissez le code de votre application d’authentification, ou un code de récupération.',
  recovery_code_wrong: 'Le code de récupération est incorrect ou a déjà été utilisé.',
  signin_expired: 'Cette connexion a expiré. Reconnectez-vous avec votre mot de passe.',
  type_unsupported:
    'Le second facteur « {type} » n’est pas proposé ici ; utilisez une application d’authentification (app).',
  not_enrolled: 'Ce compte n’a pas de second facteur « {type} » configuré.',
  enrolment_missing: 'Aucune configuration de second facteur n’est en cours ; recommencez.',
  enrolment_not_verified: 'Confirmez d’abord la configuration avec un code de votre application d’authentification.',
  enrol_first: 'Configurez un second facteur pour terminer la connexion.',
  interaction_required: 'L’utilisateur doit d’abord valider un second facteur.',
  page_verify_title: 'Validation en deux étapes',
  page_enrol_title: 'Configurer la validation en deux étapes',
  page_signing_in_as: 'Connexion en tant que {name}.',
  page_verify_hint: 'Saisissez le code à 6 chiffres affiché par votre application d’authentification.',
  page_enrol_scan:
    'Un second facteur est requis pour se connecter ici. Scannez ce code QR avec une application d’authentification.',
  page_qr_alt: 'Code QR qui ajoute ce compte à une application d’authentification',
  page_enrol_key: 'Ou saisissez cette clé dans l’application :',
  page_recovery_codes_intro:
    'Conservez ces codes de récupération en lieu sûr. Chacun permet de se connecter une fois si vous perdez votre appareil. Ils ne sont affichés que maintenant.',
  page_passcode: 'Code de l’application',
  page_verify: 'Valider',
  page_enable: 'Activer et continuer',
  page_use_recovery_code: 'Utiliser plutôt un code de récupération',
  page_recovery_code: 'Code de récupération',
  page_enrol_passkey: "Configurer plutôt une clé d'accès",
  page_enrol_passkey_hint:
    "Ou utilisez comme second facteur une clé d'accès de cet appareil, une clé de sécurité ou votre téléphone : ni application ni code.",
  page_enrol_passkey_name: "Clé d'accès",
  email_missing: 'Ajoutez d’abord une adresse e-mail à votre compte : les codes y sont envoyés.',
  phone_missing: 'Ajoutez d’abord un numéro de téléphone à votre compte : les codes y sont envoyés.',
  same_factor: 'Cette connexion a déjà utilisé ce facteur ; choisissez-en un autre.',
  code_signin_same_factor:
    'Le second facteur de ce compte est un code envoyé au même endroit. Connectez-vous avec votre mot de passe.',
  destination_not_own:
    'Les codes d’un second facteur ne vont qu’à l’adresse e-mail ou au numéro de téléphone du compte lui-même.',
  page_email_hint: 'Saisissez le code à 6 chiffres envoyé par e-mail à {destination}.',
  page_sms_hint: 'Saisissez le code à 6 chiffres envoyé par SMS au {destination}.',
  page_send_code: 'Envoyer le code',
  page_code_sent: 'Un code est en route vers {destination}. Il est valable 10 minutes.',
  page_method_app: 'Application d’authentification',
  page_method_email: 'Code par e-mail',
  page_method_sms: 'Code par SMS',
  page_sent_code: 'Code reçu dans le message',
} satisfies NamespaceMessages<'mfa'>;
