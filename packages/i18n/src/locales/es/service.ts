import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: 'El proveedor "{name}" no existe o esta organización no puede usarlo.',
  provider_wrong_category: 'El proveedor "{name}" no es un proveedor de la categoría {category}.',
  no_provider: 'La aplicación no tiene configurado ningún proveedor de {category}.',
  email_fields_required: 'El título, el contenido y el remitente son obligatorios.',
  receivers_required: 'Se necesita al menos un destinatario.',
  too_many_receivers: 'Un mensaje puede tener como máximo {max} destinatarios.',
  invalid_email_receiver: '"{receiver}" no es una dirección de correo electrónico válida.',
  invalid_phone_receiver: '"{receiver}" no es un número de teléfono válido.',
  line_break_not_allowed: 'El campo "{field}" no puede contener saltos de línea ni otros caracteres de control.',
  content_too_long: 'El campo "{field}" es demasiado largo (como máximo {max} caracteres).',
  email_type_not_supported:
    'Los proveedores de correo del tipo "{type}" no son compatibles; use un proveedor SMTP, "SendGrid" o "Custom HTTP Email".',
  sms_type_not_supported:
    'Los proveedores de SMS del tipo "{type}" no son compatibles; use "Twilio" o "Custom HTTP SMS".',
  smtp_host_required: 'El proveedor de correo no tiene host.',
  address_refused: 'La dirección del servidor del proveedor no está permitida: no está en la Internet pública.',
  delivery_timeout: 'El servidor del proveedor no respondió a tiempo.',
  connection_failed: 'No se pudo contactar con el servidor del proveedor.',
  connection_refused: 'El servidor del proveedor rechazó la conexión (connection refused).',
  smtp_auth_failed: 'El servidor SMTP rechazó el usuario o la contraseña del proveedor.',
  tls_failed: 'No se pudo establecer una conexión segura (TLS) con el servidor SMTP.',
  email_send_failed: 'El servidor SMTP rechazó el correo (código {code}).',
  email_api_failed: 'El servicio de correo respondió con el estado HTTP {status}.',
  sms_send_failed: 'La pasarela de SMS respondió con el estado HTTP {status}.',
  provider_endpoint_invalid: 'El endpoint del proveedor debe ser una URL http:// o https:// sin credenciales.',
  provider_request_invalid:
    'No se puede enviar la solicitud del proveedor: revise su endpoint, sus cabeceras y su tipo de contenido.',
  sms_method_invalid: 'El método de SMS "{method}" no es compatible; use GET, POST, PUT o DELETE.',
} satisfies NamespaceMessages<'service'>;
