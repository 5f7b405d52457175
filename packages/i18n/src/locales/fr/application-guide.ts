import type { Phrases } from '../../types.ts';
import type english from '../en/application-guide.ts';

export default {
  quickstart: {
    settings_tab: 'Paramètres',
    tab: 'Démarrage rapide',
    help: 'Choisissez le type d’application pour voir ce qu’il faut configurer et du code de départ, rempli pour cette application.',
    kind: 'Type d’application',
    kind_spa: 'Application monopage',
    kind_spa_help: 'S’exécute dans le navigateur (React, Vue, Angular…) et ne peut pas garder de secret.',
    kind_web: 'Application serveur web',
    kind_web_help: 'Produit ses pages sur un serveur (Next.js, Express, Flask, Go…) qui garde le secret.',
    kind_native: 'Application native ou CLI',
    kind_native_help: 'Installée sur un appareil ou lancée dans un terminal ; elle ne peut pas garder de secret.',
    kind_m2m: 'Machine à machine',
    kind_m2m_help: 'Un service ou un script qui appelle des API en son propre nom, sans utilisateur.',
    configure: 'À configurer',
    grant_types: 'Types d’autorisation',
    redirect_uris: 'URI de redirection',
    secret: 'Client Secret',
    pkce: 'PKCE',
    grants_code:
      'authorization_code (toujours permis) ; ajoutez refresh_token pour renouveler les jetons sans nouvelle connexion.',
    grants_m2m: 'client_credentials.',
    redirect_spa:
      'L’adresse exacte de la page de retour de votre application : https en production, http://localhost en développement.',
    redirect_web:
      'L’adresse exacte de la route de retour de votre serveur : https en production, http://localhost en développement.',
    redirect_native:
      'Une adresse de bouclage comme http://127.0.0.1/callback : l’application peut y écouter sur n’importe quel port (RFC 8252).',
    redirect_m2m: 'Aucune : aucun navigateur n’intervient.',
    secret_public:
      'Non utilisé. L’application n’envoie que son identifiant client : ne livrez jamais le secret avec elle.',
    secret_confidential:
      'Utilisé. Gardez-le sur le serveur dans une variable d’environnement ({variable} dans les exemples), jamais dans le code.',
    pkce_required: 'Obligatoire (S256) : il remplace le secret.',
    pkce_recommended: 'Recommandé (S256) en plus du secret ; les exemples l’utilisent.',
    pkce_none: 'Non utilisé : aucun code d’autorisation n’intervient.',
    status_ok: 'Prêt',
    status_missing: 'Manquant',
    status_info: 'Remarque',
    missing_grant: 'Ajoutez {grant} aux types d’autorisation dans Paramètres.',
    missing_redirect: 'Ajoutez-en une dans Paramètres ; en attendant, les exemples utilisent {uri}.',
    code: 'Code',
    code_help: 'Rempli avec l’émetteur de ce serveur, l’identifiant client et l’URI de redirection de l’application.',
    copy_code: 'Copier l’exemple {library}',
    code_label: 'Exemple {library}',
    endpoints_help: 'Lus dans le document de découverte de cette application.',
    discovery_failed: 'Le document de découverte n’a pas pu être lu : {message}',
    issuer: 'Émetteur (issuer)',
    userinfo_url: 'URL UserInfo',
    jwks_url: 'Jeu de clés web JSON (JWKS)',
    end_session_url: 'URL de fin de session (déconnexion)',
    introspection_url: 'URL d’introspection',
    revocation_url: 'URL de révocation',
    device_url: 'URL d’autorisation d’appareil',
    try: 'Essayer la connexion',
    try_help:
      'Ouvre la page de connexion de cette application dans un nouvel onglet, avec PKCE. Après la connexion, le navigateur va à {uri} avec un code.',
    try_none:
      'Cette application n’a aucune URI de redirection pouvant recevoir un code. Ajoutez-en une dans Paramètres pour essayer la connexion.',
    code_verifier: 'Code verifier de cette tentative',
    code_verifier_help: 'Envoyez-le avec le code au point de terminaison des jetons pour échanger le code.',
  },
  grant_type_help: {
    authorization_code:
      'Les utilisateurs se connectent sur la page de ce serveur et l’application échange le code reçu contre des jetons.',
    refresh_token: 'L’application obtient de nouveaux jetons d’accès sans redemander la connexion de l’utilisateur.',
    client_credentials:
      'Un service obtient des jetons pour lui-même avec son identifiant client et son secret, sans utilisateur.',
    password:
      'L’application envoie elle-même le nom d’utilisateur et le mot de passe : seulement pour des applications de toute confiance.',
    token:
      'Flux implicite (un jeton dans la redirection). Non proposé par ce serveur : utilisez le flux par code avec PKCE.',
    id_token:
      'Flux implicite pour les jetons d’identité. Non proposé par ce serveur : utilisez le flux par code avec PKCE.',
    device_code: 'Flux d’appareil pour téléviseurs et consoles. Non proposé par ce serveur.',
  },
  token_format_help: {
    jwt: 'Tous les champs de l’utilisateur, avec rôles et permissions, comme Casdoor les émet par défaut.',
    jwt_empty: 'Un jeton court : qui est l’utilisateur et comment le joindre (nom, ID, e-mail, téléphone).',
    jwt_standard: 'Les noms de claims standard d’OpenID Connect ; les facultatifs suivent les scopes demandés.',
    jwt_custom: 'Seulement les champs de l’utilisateur listés dans les champs de jeton de l’application.',
  },
} satisfies Phrases<typeof english>;
