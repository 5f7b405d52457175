import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_enabled: 'Esta aplicación no ofrece iniciar sesión con "{provider}".',
  method_unsupported: 'El método "{method}" no se admite aquí; use signin, signup o link.',
  state_invalid: 'Este inicio de sesión ya no es válido. Vuelva a empezar desde la página de inicio de sesión.',
  provider_refused: '{provider} no le permitió iniciar sesión. Inténtelo de nuevo.',
  provider_unreachable: 'No se pudo contactar con {provider}. Inténtelo más tarde.',
  provider_answer_invalid: 'No se pudo confiar en la respuesta de {provider}, así que se detuvo el inicio de sesión.',
  provider_misconfigured: 'El inicio de sesión con {provider} no está bien configurado. Avise a su administrador.',
  signup_not_allowed:
    'Ninguna cuenta de aquí está vinculada a esta cuenta de {provider}, y no se pueden crear cuentas nuevas con ella.',
  account_linked_elsewhere: 'Esta cuenta de {type} ya está vinculada a otro usuario.',
  already_linked: 'Su cuenta ya está vinculada a otra cuenta de {type}. Desvincúlela primero.',
  not_linked: 'Este usuario no tiene ninguna cuenta de {type} vinculada.',
  unlink_not_allowed: 'Aquí no se pueden desvincular cuentas de tipo {type}.',
  type_unknown: 'Las cuentas de tipo "{type}" no se pueden vincular.',
  page_sign_in_with: 'Iniciar sesión con {provider}',
  page_or: 'o',
  page_callback_title: 'Iniciando sesión…',
  page_linked_accounts: 'Cuentas vinculadas',
  page_link: 'Vincular',
  page_unlink: 'Desvincular',
  page_linked_as: 'Vinculada: {name}',
  page_not_linked: 'Sin vincular',
  page_linked: 'La cuenta está vinculada.',
  page_unlinked: 'La cuenta está desvinculada.',
  page_back_to_sign_in: 'Volver al inicio de sesión',
} satisfies NamespaceMessages<'federation'>;
