import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: 'Algo salió mal de nuestro lado. Inténtelo de nuevo más tarde (solicitud {requestId}).',
  route_not_found: 'No hay ninguna API en {path}.',
  method_not_allowed: 'El método {method} no está permitido aquí.',
  malformed_json: 'El cuerpo de la solicitud no es JSON válido.',
  malformed_body: 'No se pudo leer el cuerpo de la solicitud.',
  invalid_content_type: 'La cabecera Content-Type no es válida.',
  body_too_large: 'El cuerpo de la solicitud es demasiado grande.',
  body_too_deep: 'El cuerpo de la solicitud tiene demasiados niveles de anidamiento.',
  nul_character: 'La solicitud contiene el carácter NUL, que no está permitido.',
  key_generation_busy:
    'El servidor está demasiado ocupado para crear una clave nueva ahora; inténtelo de nuevo en breve.',
  value_too_large: 'Un valor de la solicitud es demasiado largo para guardarse.',
  invalid_field: 'El campo "{field}" tiene un valor no permitido.',
  missing_parameter: 'El parámetro "{name}" es obligatorio.',
  invalid_parameter: 'El parámetro "{name}" tiene un valor no permitido.',
  invalid_id: 'El id "{id}" debe tener la forma propietario/nombre.',
  forbidden_name_characters: 'El nombre no puede contener ninguno de estos caracteres: / ? : # & % = + ;',
  please_login_first: 'Inicie sesión primero.',
  unauthorized_operation: 'No tiene permiso para hacer esto.',
  too_many_requests: 'Demasiadas solicitudes. Espere un momento e inténtelo de nuevo.',
  ok: 'Aceptar',
} satisfies NamespaceMessages<'general'>;
