import type { Phrases } from '../../types.ts';
import type english from '../en/application-guide.ts';

export default {
  quickstart: {
    settings_tab: 'Einstellungen',
    tab: 'Schnellstart',
    help: 'Wählen Sie die Art der Anwendung: Sie sehen, was einzustellen ist, und Beispielcode, ausgefüllt für diese Anwendung.',
    kind: 'Art der Anwendung',
    kind_spa: 'Single-Page-App',
    kind_spa_help: 'Läuft im Browser (React, Vue, Angular…) und kann kein Secret geheim halten.',
    kind_web: 'Webserver-App',
    kind_web_help: 'Erzeugt Seiten auf einem Server (Next.js, Express, Flask, Go…), der das Secret verwahrt.',
    kind_native: 'Native oder CLI-App',
    kind_native_help: 'Auf einem Gerät installiert oder im Terminal ausgeführt; sie kann kein Secret geheim halten.',
    kind_m2m: 'Maschine zu Maschine',
    kind_m2m_help: 'Ein Dienst oder Skript, das APIs in eigenem Namen aufruft, ohne Benutzer.',
    configure: 'Was einzustellen ist',
    grant_types: 'Grant-Typen',
    redirect_uris: 'Weiterleitungs-URIs',
    secret: 'Client-Secret',
    pkce: 'PKCE',
    grants_code:
      'authorization_code (immer erlaubt); fügen Sie refresh_token hinzu, um Tokens ohne neue Anmeldung zu erneuern.',
    grants_m2m: 'client_credentials.',
    redirect_spa:
      'Die genaue Adresse der Callback-Seite Ihrer App: https im Betrieb, http://localhost während der Entwicklung.',
    redirect_web:
      'Die genaue Adresse der Callback-Route Ihres Servers: https im Betrieb, http://localhost während der Entwicklung.',
    redirect_native:
      'Eine Loopback-Adresse wie http://127.0.0.1/callback: Die App darf dort an jedem Port lauschen (RFC 8252).',
    redirect_m2m: 'Keine: Es ist kein Browser beteiligt.',
    secret_public: 'Nicht verwendet. Die App sendet nur ihre Client-ID: Liefern Sie das Secret niemals mit ihr aus.',
    secret_confidential:
      'Verwendet. Bewahren Sie es auf dem Server in einer Umgebungsvariable auf ({variable} in den Beispielen), nie im Code.',
    pkce_required: 'Erforderlich (S256): Es ersetzt das Secret.',
    pkce_recommended: 'Empfohlen (S256), zusätzlich zum Secret; die Beispiele verwenden es.',
    pkce_none: 'Nicht verwendet: Es gibt keinen Autorisierungscode.',
    status_ok: 'Bereit',
    status_missing: 'Fehlt',
    status_info: 'Hinweis',
    missing_grant: 'Fügen Sie {grant} unter Einstellungen zu den Grant-Typen hinzu.',
    missing_redirect: 'Fügen Sie unter Einstellungen eine hinzu; bis dahin verwenden die Beispiele {uri}.',
    code: 'Code',
    code_help: 'Ausgefüllt mit dem Issuer dieses Servers, der Client-ID und der Weiterleitungs-URI der Anwendung.',
    copy_code: 'Beispiel für {library} kopieren',
    code_label: 'Beispiel für {library}',
    endpoints_help: 'Aus dem Discovery-Dokument dieser Anwendung gelesen.',
    discovery_failed: 'Das Discovery-Dokument konnte nicht gelesen werden: {message}',
    issuer: 'Issuer',
    userinfo_url: 'UserInfo-URL',
    jwks_url: 'JSON Web Key Set (JWKS)',
    end_session_url: 'Abmelde-URL (End Session)',
    introspection_url: 'Introspection-URL',
    revocation_url: 'Widerrufs-URL',
    device_url: 'Geräteautorisierungs-URL',
    try: 'Anmeldung testen',
    try_help:
      'Öffnet die Anmeldeseite dieser Anwendung mit PKCE in einem neuen Tab. Nach der Anmeldung geht der Browser mit einem Code zu {uri}.',
    try_none:
      'Diese Anwendung hat keine Weiterleitungs-URI, die einen Code empfangen kann. Fügen Sie unter Einstellungen eine hinzu, um die Anmeldung zu testen.',
    code_verifier: 'Code-Verifier dieses Versuchs',
    code_verifier_help: 'Senden Sie ihn mit dem Code an den Token-Endpunkt, um den Code einzulösen.',
  },
  grant_type_help: {
    authorization_code:
      'Benutzer melden sich auf der Seite dieses Servers an, und die App tauscht den erhaltenen Code gegen Tokens.',
    refresh_token: 'Die App erhält neue Access-Tokens, ohne dass sich der Benutzer erneut anmeldet.',
    client_credentials: 'Ein Dienst erhält Tokens für sich selbst mit Client-ID und Secret, ohne Benutzer.',
    password: 'Die App sendet Benutzername und Passwort selbst: nur für Apps, denen Sie voll vertrauen.',
    token:
      'Impliziter Flow (ein Token in der Weiterleitung). Von diesem Server nicht angeboten: Nutzen Sie den Code-Flow mit PKCE.',
    id_token: 'Impliziter Flow für ID-Tokens. Von diesem Server nicht angeboten: Nutzen Sie den Code-Flow mit PKCE.',
    device_code: 'Geräte-Flow für Fernseher und Konsolen. Von diesem Server nicht angeboten.',
  },
  token_format_help: {
    jwt: 'Alle Felder des Benutzers mit Rollen und Berechtigungen, wie Casdoor sie standardmäßig ausstellt.',
    jwt_empty: 'Ein kurzes Token: wer der Benutzer ist und wie man ihn erreicht (Name, ID, E-Mail, Telefon).',
    jwt_standard: 'Standardnamen von OpenID Connect; die optionalen Claims folgen den angefragten Scopes.',
    jwt_custom: 'Nur die Benutzerfelder, die in den Token-Feldern der Anwendung aufgeführt sind.',
  },
} satisfies Phrases<typeof english>;
