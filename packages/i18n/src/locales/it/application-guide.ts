import type { Phrases } from '../../types.ts';
import type english from '../en/application-guide.ts';

export default {
  quickstart: {
    settings_tab: 'Impostazioni',
    tab: 'Avvio rapido',
    help: 'Scegli il tipo di applicazione per vedere cosa configurare e del codice di partenza, già compilato per questa applicazione.',
    kind: 'Tipo di applicazione',
    kind_spa: 'App a pagina singola',
    kind_spa_help: 'Gira nel browser (React, Vue, Angular…) e non può custodire un segreto.',
    kind_web: 'App server web',
    kind_web_help: 'Genera le pagine su un server (Next.js, Express, Flask, Go…) che custodisce il segreto.',
    kind_native: 'App nativa o CLI',
    kind_native_help: 'Installata su un dispositivo o eseguita in un terminale; non può custodire un segreto.',
    kind_m2m: 'Da macchina a macchina',
    kind_m2m_help: 'Un servizio o uno script che chiama API a nome proprio, senza utente.',
    configure: 'Cosa configurare',
    grant_types: 'Tipi di grant',
    redirect_uris: 'URI di reindirizzamento',
    secret: 'Client Secret',
    pkce: 'PKCE',
    grants_code:
      'authorization_code (sempre consentito); aggiungi refresh_token per rinnovare i token senza un nuovo accesso.',
    grants_m2m: 'client_credentials.',
    redirect_spa:
      'L’indirizzo esatto della pagina di ritorno della tua app: https in produzione, http://localhost durante lo sviluppo.',
    redirect_web:
      'L’indirizzo esatto della route di ritorno del tuo server: https in produzione, http://localhost durante lo sviluppo.',
    redirect_native:
      'Un indirizzo di loopback come http://127.0.0.1/callback: l’app può ascoltare lì su qualsiasi porta (RFC 8252).',
    redirect_m2m: 'Nessuno: non è coinvolto alcun browser.',
    secret_public: 'Non usato. L’app invia solo il proprio client ID: non distribuire mai il segreto al suo interno.',
    secret_confidential:
      'Usato. Tienilo sul server in una variabile d’ambiente ({variable} negli esempi), mai nel codice.',
    pkce_required: 'Obbligatorio (S256): sostituisce il segreto.',
    pkce_recommended: 'Consigliato (S256) oltre al segreto; gli esempi lo usano.',
    pkce_none: 'Non usato: non è coinvolto alcun codice di autorizzazione.',
    status_ok: 'Pronto',
    status_missing: 'Mancante',
    status_info: 'Nota',
    missing_grant: 'Aggiungi {grant} ai tipi di grant in Impostazioni.',
    missing_redirect: 'Aggiungine uno in Impostazioni; nel frattempo gli esempi usano {uri}.',
    code: 'Codice',
    code_help: 'Compilato con l’issuer di questo server, il client ID e l’URI di reindirizzamento dell’applicazione.',
    copy_code: 'Copia l’esempio {library}',
    code_label: 'Esempio {library}',
    endpoints_help: 'Letti dal documento di discovery di questa applicazione.',
    discovery_failed: 'Impossibile leggere il documento di discovery: {message}',
    issuer: 'Issuer',
    userinfo_url: 'URL UserInfo',
    jwks_url: 'JSON Web Key Set (JWKS)',
    end_session_url: 'URL di fine sessione (disconnessione)',
    introspection_url: 'URL di introspezione',
    revocation_url: 'URL di revoca',
    device_url: 'URL di autorizzazione dispositivo',
    try: 'Prova l’accesso',
    try_help:
      'Apre la pagina di accesso di questa applicazione in una nuova scheda, con PKCE. Dopo l’accesso il browser va a {uri} con un codice.',
    try_none:
      'Questa applicazione non ha alcun URI di reindirizzamento che possa ricevere un codice. Aggiungine uno in Impostazioni per provare l’accesso.',
    code_verifier: 'Code verifier di questo tentativo',
    code_verifier_help: 'Invialo con il codice all’endpoint dei token per riscattare il codice.',
  },
  grant_type_help: {
    authorization_code:
      'Gli utenti accedono dalla pagina di questo server e l’app scambia il codice ricevuto con dei token.',
    refresh_token: 'L’app ottiene nuovi token di accesso senza chiedere all’utente di accedere di nuovo.',
    client_credentials: 'Un servizio ottiene token per sé con il proprio client ID e segreto, senza utente.',
    password: 'L’app invia da sé nome utente e password: solo per app di cui ti fidi completamente.',
    token:
      'Flusso implicito (un token nel reindirizzamento). Non offerto da questo server: usa il flusso con codice e PKCE.',
    id_token: 'Flusso implicito per gli ID token. Non offerto da questo server: usa il flusso con codice e PKCE.',
    device_code: 'Flusso dispositivo per TV e console. Non offerto da questo server.',
  },
  token_format_help: {
    jwt: 'Tutti i campi dell’utente, con ruoli e permessi, come li emette Casdoor per impostazione predefinita.',
    jwt_empty: 'Un token breve: chi è l’utente e come contattarlo (nome, ID, e-mail, telefono).',
    jwt_standard: 'Nomi dei claim standard di OpenID Connect; quelli facoltativi seguono gli scope richiesti.',
    jwt_custom: 'Solo i campi dell’utente elencati nei campi del token dell’applicazione.',
  },
} satisfies Phrases<typeof english>;
