// Files of swagger-ui-dist imported `with { type: 'file' }`: Bun answers their path on disk (or,
// in the single binary, inside it).
declare module 'swagger-ui-dist/swagger-ui-bundle.js' {
  const path: string;
  export default path;
}
declare module 'swagger-ui-dist/swagger-ui.css' {
  const path: string;
  export default path;
}
