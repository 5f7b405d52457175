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
} satisfies NamespaceMessages<'mfa'>;
