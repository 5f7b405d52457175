import type { Phrases } from '../../types.ts';
import type english from '../en/application-guide.ts';

export default {
  quickstart: {
    settings_tab: 'Ajustes',
    tab: 'Inicio rápido',
    help: 'Elija el tipo de aplicación para ver qué configurar y código de partida, ya rellenado para esta aplicación.',
    kind: 'Tipo de aplicación',
    kind_spa: 'Aplicación de una sola página',
    kind_spa_help: 'Se ejecuta en el navegador (React, Vue, Angular…) y no puede guardar un secreto.',
    kind_web: 'Aplicación de servidor web',
    kind_web_help: 'Genera las páginas en un servidor (Next.js, Express, Flask, Go…) que guarda el secreto.',
    kind_native: 'Aplicación nativa o CLI',
    kind_native_help: 'Instalada en un dispositivo o ejecutada en un terminal; no puede guardar un secreto.',
    kind_m2m: 'Máquina a máquina',
    kind_m2m_help: 'Un servicio o script que llama a API en su propio nombre, sin usuario.',
    configure: 'Qué configurar',
    grant_types: 'Tipos de concesión',
    redirect_uris: 'URI de redirección',
    secret: 'Client Secret',
    pkce: 'PKCE',
    grants_code:
      'authorization_code (siempre permitido); añada refresh_token para renovar los tokens sin volver a iniciar sesión.',
    grants_m2m: 'client_credentials.',
    redirect_spa:
      'La dirección exacta de la página de retorno de su aplicación: https en producción, http://localhost durante el desarrollo.',
    redirect_web:
      'La dirección exacta de la ruta de retorno de su servidor: https en producción, http://localhost durante el desarrollo.',
    redirect_native:
      'Una dirección de loopback como http://127.0.0.1/callback: la aplicación puede escuchar allí en cualquier puerto (RFC 8252).',
    redirect_m2m: 'Ninguna: no interviene ningún navegador.',
    secret_public: 'No se usa. La aplicación envía solo su ID de cliente: nunca incluya el secreto en ella.',
    secret_confidential:
      'Se usa. Guárdelo en el servidor en una variable de entorno ({variable} en los ejemplos), nunca en el código.',
    pkce_required: 'Obligatorio (S256): sustituye al secreto.',
    pkce_recommended: 'Recomendado (S256) además del secreto; los ejemplos lo usan.',
    pkce_none: 'No se usa: no interviene ningún código de autorización.',
    status_ok: 'Listo',
    status_missing: 'Falta',
    status_info: 'Nota',
    missing_grant: 'Añada {grant} a los tipos de concesión en Ajustes.',
    missing_redirect: 'Añada una en Ajustes; mientras tanto, los ejemplos usan {uri}.',
    code: 'Código',
    code_help: 'Rellenado con el emisor de este servidor, el ID de cliente y la URI de redirección de la aplicación.',
    copy_code: 'Copiar el ejemplo de {library}',
    code_label: 'Ejemplo de {library}',
    endpoints_help: 'Leídos del documento de descubrimiento de esta aplicación.',
    discovery_failed: 'No se pudo leer el documento de descubrimiento: {message}',
    issuer: 'Emisor (issuer)',
    userinfo_url: 'URL de UserInfo',
    jwks_url: 'Conjunto de claves web JSON (JWKS)',
    end_session_url: 'URL de fin de sesión (cierre de sesión)',
    introspection_url: 'URL de introspección',
    revocation_url: 'URL de revocación',
    device_url: 'URL de autorización de dispositivos',
    try: 'Probar el inicio de sesión',
    try_help:
      'Abre la página de inicio de sesión de esta aplicación en una pestaña nueva, con PKCE. Tras iniciar sesión, el navegador va a {uri} con un código.',
    try_none:
      'Esta aplicación no tiene ninguna URI de redirección que pueda recibir un código. Añada una en Ajustes para probar el inicio de sesión.',
    code_verifier: 'Code verifier de este intento',
    code_verifier_help: 'Envíelo con el código al endpoint de tokens para canjear el código.',
  },
  grant_type_help: {
    authorization_code:
      'Los usuarios inician sesión en la página de este servidor y la aplicación canjea el código recibido por tokens.',
    refresh_token: 'La aplicación obtiene nuevos tokens de acceso sin pedir al usuario que vuelva a iniciar sesión.',
    client_credentials: 'Un servicio obtiene tokens para sí mismo con su ID de cliente y su secreto, sin usuario.',
    password: 'La aplicación envía ella misma el usuario y la contraseña: solo para aplicaciones de total confianza.',
    token: 'Flujo implícito (un token en la redirección). Este servidor no lo ofrece: use el flujo de código con PKCE.',
    id_token: 'Flujo implícito para tokens de ID. Este servidor no lo ofrece: use el flujo de código con PKCE.',
    device_code: 'Flujo de dispositivo para televisores y consolas. Este servidor no lo ofrece.',
  },
  token_format_help: {
    jwt: 'Todos los campos del usuario, con roles y permisos, como Casdoor los emite por defecto.',
    jwt_empty: 'Un token corto: quién es el usuario y cómo contactarlo (nombre, ID, correo, teléfono).',
    jwt_standard: 'Nombres de claims estándar de OpenID Connect; los opcionales siguen los scopes solicitados.',
    jwt_custom: 'Solo los campos del usuario indicados en los campos de token de la aplicación.',
  },
} satisfies Phrases<typeof english>;
