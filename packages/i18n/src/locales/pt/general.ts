import type { NamespaceMessages } from '../../types.ts';

export default {
  internal_error: 'Algo deu errado do nosso lado. Tente novamente mais tarde (pedido {requestId}).',
  route_not_found: 'Não há nenhuma API em {path}.',
  method_not_allowed: 'O método {method} não é permitido aqui.',
  malformed_json: 'O corpo do pedido não é um JSON válido.',
  malformed_body: 'Não foi possível ler o corpo do pedido.',
  invalid_content_type: 'O cabeçalho Content-Type não é válido.',
  body_too_large: 'O corpo do pedido é grande demais.',
  body_too_deep: 'O corpo do pedido tem demasiados níveis de aninhamento.',
  nul_character: 'O pedido contém o carácter NUL, que não é permitido.',
  key_generation_busy:
    'O servidor está demasiado ocupado para criar uma nova chave agora; tente novamente daqui a pouco.',
  value_too_large: 'Um valor do pedido é demasiado longo para ser guardado.',
  invalid_field: 'O campo "{field}" tem um valor não permitido.',
  missing_parameter: 'O parâmetro "{name}" é obrigatório.',
  invalid_parameter: 'O parâmetro "{name}" tem um valor não permitido.',
  invalid_id: 'O id "{id}" deve ter a forma proprietário/nome.',
  forbidden_name_characters: 'O nome não pode conter nenhum destes caracteres: / ? : # & % = + ;',
  please_login_first: 'Entre primeiro.',
  unauthorized_operation: 'Você não tem permissão para fazer isso.',
  too_many_requests: 'Pedidos demais. Aguarde um momento e tente novamente.',
  ok: 'OK',
} satisfies NamespaceMessages<'general'>;
