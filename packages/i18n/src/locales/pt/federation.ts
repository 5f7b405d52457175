import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_enabled: 'Esta aplicação não oferece login com "{provider}".',
  method_unsupported: 'O método "{method}" não é suportado aqui; use signin, signup ou link.',
  state_invalid: 'Este login não é mais válido. Recomece pela página de login.',
  provider_refused: '{provider} não permitiu o login. Tente novamente.',
  provider_unreachable: 'Não foi possível contactar {provider}. Tente novamente mais tarde.',
  provider_answer_invalid: 'A resposta de {provider} não era confiável, por isso o login foi interrompido.',
  provider_misconfigured: 'O login com {provider} não está configurado corretamente. Avise o seu administrador.',
  signup_not_allowed:
    'Nenhuma conta aqui está vinculada a esta conta {provider}, e não é possível criar novas contas com ela.',
  account_linked_elsewhere: 'Esta conta {type} já está vinculada a outro usuário.',
  already_linked: 'A sua conta já está vinculada a outra conta {type}. Desvincule-a primeiro.',
  not_linked: 'Nenhuma conta {type} está vinculada a este usuário.',
  unlink_not_allowed: 'Contas do tipo {type} não podem ser desvinculadas aqui.',
  type_unknown: 'Contas do tipo "{type}" não podem ser vinculadas.',
  page_sign_in_with: 'Entrar com {provider}',
  page_or: 'ou',
  page_callback_title: 'Entrando…',
  page_linked_accounts: 'Contas vinculadas',
  page_link: 'Vincular',
  page_unlink: 'Desvincular',
  page_linked_as: 'Vinculada: {name}',
  page_not_linked: 'Não vinculada',
  page_linked: 'A conta foi vinculada.',
  page_unlinked: 'A conta foi desvinculada.',
  page_back_to_sign_in: 'Voltar ao login',
} satisfies NamespaceMessages<'federation'>;
