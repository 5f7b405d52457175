import type { NamespaceMessages } from '../../types.ts';

export default {
  type_not_supported:
    'Sincronizadores do tipo "{type}" não são suportados: o Latchkey executa apenas sincronizadores "Database".',
  database_type_not_supported: 'O tipo de banco de dados "{databaseType}" não é suportado: use postgres ou mysql.',
  ssh_not_supported: 'Túneis SSH não são suportados: deixe o sincronizador conectar-se diretamente ao banco de dados.',
  ssl_mode_invalid: 'O modo SSL "{sslMode}" não é suportado: use disable, require ou verify-full.',
  host_invalid: 'O host deve ser um nome de host ou um endereço IP.',
  port_invalid: 'A porta deve estar entre 1 e 65535.',
  table_invalid:
    'O nome de tabela "{name}" não é permitido: use letras, dígitos, sublinhados e hífens (no máximo schema.table).',
  column_invalid:
    'O nome de coluna "{name}" não é permitido: use letras, dígitos, sublinhados e hífens ("first+last" junta colunas).',
  field_not_syncable: 'O campo de usuário "{field}" não pode ser preenchido por um sincronizador.',
  columns_required: 'O sincronizador precisa das colunas da tabela: qual coluna preenche qual campo de usuário.',
  name_column_required: 'O sincronizador deve preencher o campo de usuário Name (ou Id).',
  interval_invalid: 'O intervalo de sincronização deve ser de 0 segundos ou mais.',
  connection_incomplete: 'O sincronizador precisa de {field} para se conectar.',
  not_found: 'O sincronizador {id} não existe.',
  already_running: 'O sincronizador {id} já está em execução; tente novamente quando ele terminar.',
  busy: 'Há sincronizadores demais em execução; tente novamente em breve.',
  address_refused:
    'O host de banco de dados {host} está em uma rede privada ou reservada, que os sincronizadores não podem alcançar.',
  timeout: 'O banco de dados não respondeu a tempo: {detail}',
  too_many_rows: 'A tabela tem mais linhas do que uma execução lê ({max}).',
  too_much_data: 'O banco de dados enviou mais dados do que uma execução lê.',
  failed: 'A sincronização falhou: {detail}',
  row_rejected: 'A linha {row} ({key}) não foi sincronizada: {reason}',
} satisfies NamespaceMessages<'syncer'>;
