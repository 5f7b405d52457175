import type { NamespaceMessages } from '../../types.ts';

export default {
  type_not_supported:
    'Los sincronizadores de tipo "{type}" no son compatibles: Latchkey solo ejecuta sincronizadores "Database".',
  database_type_not_supported: 'El tipo de base de datos "{databaseType}" no es compatible: use postgres o mysql.',
  ssh_not_supported:
    'Los túneles SSH no son compatibles: deje que el sincronizador se conecte directamente a la base de datos.',
  ssl_mode_invalid: 'El modo SSL "{sslMode}" no es compatible: use disable, require o verify-full.',
  host_invalid: 'El host debe ser un nombre de host o una dirección IP.',
  port_invalid: 'El puerto debe estar entre 1 y 65535.',
  table_invalid:
    'El nombre de tabla "{name}" no está permitido: use letras, dígitos, guiones bajos y guiones (como mucho schema.table).',
  column_invalid:
    'El nombre de columna "{name}" no está permitido: use letras, dígitos, guiones bajos y guiones ("first+last" une columnas).',
  field_not_syncable: 'Un sincronizador no puede rellenar el campo de usuario "{field}".',
  columns_required: 'El sincronizador necesita las columnas de la tabla: qué columna rellena qué campo de usuario.',
  name_column_required: 'El sincronizador debe rellenar el campo de usuario Name (o Id).',
  interval_invalid: 'El intervalo de sincronización debe ser de 0 segundos o más.',
  connection_incomplete: 'El sincronizador necesita {field} para conectarse.',
  not_found: 'El sincronizador {id} no existe.',
  already_running: 'El sincronizador {id} ya se está ejecutando; inténtelo de nuevo cuando haya terminado.',
  busy: 'Hay demasiados sincronizadores en ejecución; inténtelo de nuevo en breve.',
  address_refused:
    'El host de base de datos {host} está en una red privada o reservada, a la que los sincronizadores no pueden acceder.',
  timeout: 'La base de datos no respondió a tiempo: {detail}',
  too_many_rows: 'La tabla tiene más filas de las que lee una ejecución ({max}).',
  too_much_data: 'La base de datos envió más datos de los que lee una ejecución.',
  failed: 'La sincronización falló: {detail}',
  row_rejected: 'La fila {row} ({key}) no se sincronizó: {reason}',
} satisfies NamespaceMessages<'syncer'>;
