import type { NamespaceMessages } from '../../types.ts';

export default {
  state_invalid: 'O estado "{state}" não é permitido: use Active ou Suspended.',
  quota_invalid: 'A quota deve ser um número inteiro, 0 ou mais.',
  code_too_long: 'O código e o código padrão podem ter no máximo {max} caracteres.',
  code_invalid: 'O código não é uma expressão regular que o Latchkey possa usar: {reason}',
  default_code_mismatch: 'O código padrão deve ser um código que o convite aceita.',
  email_invalid: 'O endereço de e-mail do convite não é válido.',
  expire_time_invalid: 'A validade deve ser uma data e hora (como 2030-01-31T12:00:00Z) ou ficar vazia.',
  application_not_found: 'A aplicação {name} não é uma aplicação da organização {organization}.',
  code_required: 'Esta aplicação exige um código de convite para o cadastro.',
  code_not_valid: 'O código de convite não é válido.',
  suspended: 'O código de convite está suspenso.',
  expired: 'O código de convite expirou.',
  exhausted: 'O código de convite já foi usado tantas vezes quanto permite.',
  username_mismatch: 'Cadastre-se com o nome de usuário a que o convite se destina.',
  email_mismatch: 'Cadastre-se com o endereço de e-mail a que o convite se destina.',
  phone_mismatch: 'Cadastre-se com o número de telefone a que o convite se destina.',
  not_found: 'O convite {id} não existe.',
  no_application: 'A organização {organization} não tem nenhuma aplicação para cadastro.',
  no_email_provider:
    'A aplicação {application} da organização {organization} não tem um provedor de e-mail para enviar convites: adicione um aos seus provedores.',
  email_title: 'Você foi convidado',
  email_content: 'Você foi convidado a se cadastrar em {organization}. Siga este link para criar sua conta:',
  email_code: 'Seu código de convite: {code}',
} satisfies NamespaceMessages<'invitation'>;
