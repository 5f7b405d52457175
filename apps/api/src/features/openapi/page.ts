/**
 * The interactive reference page: Swagger UI from our own server (the files of the swagger-ui-dist
 * package), reading /swagger/openapi.json. Nothing is loaded from elsewhere, so it works on a
 * machine without internet; the validator badge (which would call out) is off.
 */
export const referencePage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Latchkey API reference</title>
  <link rel="stylesheet" href="/swagger/swagger-ui.css">
  <style>body { margin: 0; } .swagger-ui .topbar { display: none; }</style>
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/swagger/swagger-ui-bundle.js"></script>
  <script src="/swagger/reference.js"></script>
</body>
</html>
`;

/**
 * Headers of the reference page: it cannot be framed, runs only this server's scripts (Swagger UI
 * and the starter below, no inline script), calls only this server, and sends no address elsewhere.
 * Styles may be inline (the page's own rule and the ones Swagger UI writes), images may be data: URLs
 * (its icons).
 */
export const referencePageHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** Starts Swagger UI on the page (a file of its own, so that a Content-Security-Policy without inline scripts allows it). */
export const referenceScript = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/swagger/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    withCredentials: true,
    docExpansion: 'none',
    defaultModelsExpandDepth: 0,
    displayOperationId: false,
    filter: true,
    tryItOutEnabled: false,
  });
});
`;
