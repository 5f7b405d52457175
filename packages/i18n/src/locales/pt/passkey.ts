import type { NamespaceMessages } from '../../types.ts';

export default {
  challenge_missing: 'Esta solicitação de chave de acesso expirou ou já foi respondida. Comece de novo.',
  verification_failed: 'Não foi possível verificar a chave de acesso.',
  response_invalid: 'A resposta de chave de acesso do navegador está malformada.',
  unknown_credential: 'Esta chave de acesso não está registrada aqui.',
  already_registered: 'Esta chave de acesso já está registrada.',
  not_found: 'Esta conta não tem essa chave de acesso.',
  signin_disabled: 'O login com chave de acesso não está ativado para este aplicativo.',
  too_many: 'Uma conta pode ter no máximo {limit} chaves de acesso.',
  name_too_long: 'O nome de uma chave de acesso pode ter no máximo {limit} caracteres.',
} satisfies NamespaceMessages<'passkey'>;
