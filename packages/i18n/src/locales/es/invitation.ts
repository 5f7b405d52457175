import type { NamespaceMessages } from '../../types.ts';

export default {
  state_invalid: 'El estado "{state}" no está permitido: use Active o Suspended.',
  quota_invalid: 'La cuota debe ser un número entero, 0 o más.',
  code_too_long: 'El código y el código predeterminado pueden tener como máximo {max} caracteres.',
  code_invalid: 'El código no es una expresión regular que Latchkey pueda usar: {reason}',
  default_code_mismatch: 'El código predeterminado debe ser un código que la invitación acepte.',
  email_invalid: 'La dirección de correo de la invitación no es válida.',
  expire_time_invalid: 'La fecha de caducidad debe ser una fecha y hora (como 2030-01-31T12:00:00Z) o estar vacía.',
  application_not_found: 'La aplicación {name} no es una aplicación de la organización {organization}.',
  code_required: 'Esta aplicación necesita un código de invitación para registrarse.',
  code_not_valid: 'El código de invitación no es válido.',
  suspended: 'El código de invitación está suspendido.',
  expired: 'El código de invitación ha caducado.',
  exhausted: 'El código de invitación se ha usado tantas veces como permite.',
  username_mismatch: 'Regístrese con el nombre de usuario para el que es la invitación.',
  email_mismatch: 'Regístrese con la dirección de correo para la que es la invitación.',
  phone_mismatch: 'Regístrese con el número de teléfono para el que es la invitación.',
  not_found: 'La invitación {id} no existe.',
  no_application: 'La organización {organization} no tiene ninguna aplicación en la que registrarse.',
  no_email_provider:
    'La aplicación {application} de la organización {organization} no tiene un proveedor de correo para enviar invitaciones: añada uno a sus proveedores.',
  email_title: 'Está invitado',
  email_content: 'Está invitado a registrarse en {organization}. Siga este enlace para crear su cuenta:',
  email_code: 'Su código de invitación: {code}',
} satisfies NamespaceMessages<'invitation'>;
