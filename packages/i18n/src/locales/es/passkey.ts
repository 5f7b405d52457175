import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'Esta solicitud de llave de acceso ha caducado o ya fue respondida. Empiece de nuevo.',
  verification_failed: 'No se pudo verificar la llave de acceso.',
  response_invalid: 'La respuesta de llave de acceso del navegador está mal formada.',
  unknown_credential: 'Esta llave de acceso no está registrada aquí.',
  already_registered: 'Esta llave de acceso ya está registrada.',
  not_found: 'Esta cuenta no tiene esa llave de acceso.',
  signin_disabled: 'El inicio de sesión con llave de acceso no está habilitado para esta aplicación.',
  too_many: 'Una cuenta puede tener como máximo {limit} llaves de acceso.',
  name_too_long: 'El nombre de una llave de acceso puede tener como máximo {limit} caracteres.',
} satisfies NamespaceMessages<'passkey'>;
