import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'Envie o arquivo no campo multipart "file".',
  user_and_path_required: 'Os parâmetros "user" e "fullFilePath" são obrigatórios.',
  path_invalid:
    'O caminho em "{field}" não é permitido: não pode conter partes "." ou "..", barras invertidas nem caracteres de controle, e pode ter no máximo {max} caracteres.',
  path_conflict:
    'O caminho está ocupado por uma pasta ou por um arquivo de outro nome, ou passa por um link simbólico.',
  storage_type_not_supported:
    'Provedores de armazenamento do tipo "{type}" não são suportados; use "Local File System", "AWS S3" ou "MinIO".',
  storage_settings_incomplete:
    'O provedor de armazenamento precisa de um endpoint, um nome de bucket válido, uma chave de acesso e uma chave secreta.',
  storage_failed: 'O armazenamento recusou o arquivo (status HTTP {status}).',
  storage_unreachable: 'Não foi possível alcançar o armazenamento.',
  file_not_found: 'Esse arquivo não existe.',
} satisfies NamespaceMessages<'resource'>;
