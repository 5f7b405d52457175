/** The OpenAPI version of the document (the schemas are JSON Schema 2020-12, as 3.1 has them). */
export const OPENAPI_VERSION = '3.1.1';
