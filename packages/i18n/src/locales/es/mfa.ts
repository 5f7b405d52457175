import type { NamespaceMessages } from '../../types.ts';

export default {
  password_alone_refused:
    'Esta cuenta necesita un segundo factor, que esta forma de iniciar sesión no puede pedir. Inicie sesión en la página de inicio de sesión.',
  passcode_wrong: 'El código es incorrecto.',
  passcode_used: 'Este código ya se ha usado. Espere al siguiente.',
  passcode_missing: 'Introduzca el código de su aplicación de autenticación o un código de recuperación.',
  recovery_code_wrong: 'El código de recuperación es incorrecto o ya se ha usado.',
  signin_expired: 'Este inicio de sesión ha caducado. Vuelva a iniciar sesión con su contraseña.',
  type_unsupported: 'El segundo factor "{type}" no se ofrece aquí; use una aplicación de autenticación (app).',
  not_enrolled: 'Esta cuenta no tiene configurado el segundo factor "{type}".',
  enrolment_missing: 'No hay ninguna configuración de un segundo factor en curso; empiece de nuevo.',
  enrolment_not_verified: 'Confirme primero la configuración con un código de su aplicación de autenticación.',
  enrol_first: 'Configure un segundo factor para terminar de iniciar sesión.',
  interaction_required: 'El usuario debe superar primero un segundo factor.',
  page_verify_title: 'Verificación en dos pasos',
  page_enrol_title: 'Configurar la verificación en dos pasos',
  page_signing_in_as: 'Iniciando sesión como {name}.',
  page_verify_hint: 'Introduzca el código de 6 dígitos que muestra su aplicación de autenticación.',
  page_enrol_scan:
    'Para iniciar sesión aquí se necesita un segundo factor. Escanee este código QR con una aplicación de autenticación.',
  page_qr_alt: 'Código QR que añade esta cuenta a una aplicación de autenticación',
  page_enrol_key: 'O escriba esta clave en la aplicación:',
  page_recovery_codes_intro:
    'Guarde estos códigos de recuperación en un lugar seguro. Cada uno le permite iniciar sesión una vez si pierde su dispositivo. Solo se muestran ahora.',
  page_passcode: 'Código de la aplicación',
  page_verify: 'Verificar',
  page_enable: 'Activar y continuar',
  page_use_recovery_code: 'Usar un código de recuperación',
  page_recovery_code: 'Código de recuperación',
  page_enrol_passkey: 'Configurar una llave de acceso',
  page_enrol_passkey_hint:
    'O use como segundo factor una llave de acceso de este dispositivo, una llave de seguridad o su teléfono: sin aplicación ni código.',
  page_enrol_passkey_name: 'Llave de acceso',
  email_missing: 'Primero añada una dirección de correo electrónico a su cuenta: los códigos se envían allí.',
  phone_missing: 'Primero añada un número de teléfono a su cuenta: los códigos se envían allí.',
  same_factor: 'Este inicio de sesión ya ha usado este factor; elija otro.',
  code_signin_same_factor:
    'El segundo factor de esta cuenta es un código enviado al mismo lugar. Inicie sesión con su contraseña.',
  destination_not_own:
    'Los códigos de un segundo factor solo se envían a la dirección de correo o al teléfono de la propia cuenta.',
  page_email_hint: 'Introduzca el código de 6 dígitos enviado por correo a {destination}.',
  page_sms_hint: 'Introduzca el código de 6 dígitos enviado por SMS a {destination}.',
  page_send_code: 'Enviar código',
  page_code_sent: 'Se ha enviado un código a {destination}. Es válido durante 10 minutos.',
  page_method_app: 'Aplicación de autenticación',
  page_method_email: 'Código por correo',
  page_method_sms: 'Código por SMS',
  page_sent_code: 'Código del mensaje',
} satisfies NamespaceMessages<'mfa'>;
