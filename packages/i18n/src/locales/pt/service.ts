import type { NamespaceMessages } from '../../types.ts';

export default {
  provider_not_found: 'O provedor "{name}" não existe ou não pode ser usado por esta organização.',
  provider_wrong_category: 'O provedor "{name}" não é um provedor da categoria {category}.',
  no_provider: 'Nenhum provedor de {category} está configurado para o aplicativo.',
  email_fields_required: 'O título, o conteúdo e o remetente são obrigatórios.',
  receivers_required: 'É necessário pelo menos um destinatário.',
  too_many_receivers: 'Uma mensagem pode ter no máximo {max} destinatários.',
  invalid_email_receiver: '"{receiver}" não é um endereço de e-mail válido.',
  invalid_phone_receiver: '"{receiver}" não é um número de telefone válido.',
  line_break_not_allowed: 'O campo "{field}" não pode conter quebras de linha nem outros caracteres de controle.',
  content_too_long: 'O campo "{field}" é longo demais (no máximo {max} caracteres).',
  email_type_not_supported:
    'Provedores de e-mail do tipo "{type}" não são suportados; use um provedor SMTP, "SendGrid" ou "Custom HTTP Email".',
  sms_type_not_supported: 'Provedores de SMS do tipo "{type}" não são suportados; use "Twilio" ou "Custom HTTP SMS".',
  smtp_host_required: 'O provedor de e-mail não tem host.',
  address_refused: 'O endereço do servidor do provedor não é permitido: ele não está na internet pública.',
  delivery_timeout: 'O servidor do provedor não respondeu a tempo.',
  connection_failed: 'Não foi possível alcançar o servidor do provedor.',
  connection_refused: 'O servidor do provedor recusou a conexão (connection refused).',
  smtp_auth_failed: 'O servidor SMTP recusou o usuário ou a senha do provedor.',
  tls_failed: 'Não foi possível estabelecer uma conexão segura (TLS) com o servidor SMTP.',
  email_send_failed: 'O servidor SMTP recusou o e-mail (código {code}).',
  email_api_failed: 'O serviço de e-mail respondeu com o status HTTP {status}.',
  sms_send_failed: 'O gateway de SMS respondeu com o status HTTP {status}.',
  provider_endpoint_invalid: 'O endpoint do provedor deve ser uma URL http:// ou https:// sem credenciais.',
  provider_request_invalid:
    'A requisição do provedor não pode ser enviada: verifique o endpoint, os cabeçalhos e o tipo de conteúdo.',
  sms_method_invalid: 'O método de SMS "{method}" não é suportado; use GET, POST, PUT ou DELETE.',
} satisfies NamespaceMessages<'service'>;
