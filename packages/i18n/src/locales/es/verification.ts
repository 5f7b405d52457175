import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'El tipo debe ser "email" o "phone".',
  method_invalid: 'El método "{method}" no es compatible: use signup, login, forget o reset.',
  application_id_invalid: 'El parámetro "applicationId" debe nombrar una aplicación como owner/name.',
  resend_too_soon: 'Se envió un código a esta dirección hace menos de {seconds} segundos. Espere antes de pedir otro.',
  too_many_codes: 'Se han pedido demasiados códigos de verificación. Inténtelo de nuevo más tarde.',
  code_invalid:
    'El código de verificación es incorrecto, ha caducado o se ha probado demasiadas veces. Pida un código nuevo.',
  forgot_password_disabled: 'Esta aplicación no permite restablecer una contraseña olvidada.',
  code_signin_disabled: 'El inicio de sesión con código de verificación no está activado para esta aplicación.',
  email_code_required: 'Introduzca el código de verificación enviado a su correo electrónico.',
  phone_code_required: 'Introduzca el código de verificación enviado a su teléfono.',
  reset_type_invalid: 'El tipo debe ser "email" o "phone".',
  email_subject: '{organization}: su código de verificación',
  email_greeting: 'Hola:',
  email_intro: 'Su código de verificación para {organization} es:',
  email_expiry: 'Es válido durante {minutes} minutos y solo sirve una vez.',
  email_ignore: 'Si no ha pedido este código, puede ignorar este mensaje.',
  sms_text: '{organization}: su código de verificación es {code}. Es válido durante {minutes} minutos.',
  email_sender_note: 'Enviado por {organization}.',
} satisfies NamespaceMessages<'verification'>;
