import type { NamespaceMessages } from '../../types.ts';

export default {
  type_not_supported:
    'I sincronizzatori di tipo "{type}" non sono supportati: Latchkey esegue solo sincronizzatori "Database".',
  database_type_not_supported: 'Il tipo di database "{databaseType}" non è supportato: usa postgres o mysql.',
  ssh_not_supported:
    'I tunnel SSH non sono supportati: lascia che il sincronizzatore si connetta direttamente al database.',
  ssl_mode_invalid: 'La modalità SSL "{sslMode}" non è supportata: usa disable, require o verify-full.',
  host_invalid: 'L’host deve essere un nome host o un indirizzo IP.',
  port_invalid: 'La porta deve essere compresa tra 1 e 65535.',
  table_invalid:
    'Il nome di tabella "{name}" non è consentito: usa lettere, cifre, trattini bassi e trattini (al massimo schema.table).',
  column_invalid:
    'Il nome di colonna "{name}" non è consentito: usa lettere, cifre, trattini bassi e trattini ("first+last" unisce colonne).',
  field_not_syncable: 'Il campo utente "{field}" non può essere compilato da un sincronizzatore.',
  columns_required:
    'Il sincronizzatore ha bisogno delle colonne della tabella: quale colonna compila quale campo utente.',
  name_column_required: 'Il sincronizzatore deve compilare il campo utente Name (o Id).',
  interval_invalid: 'L’intervallo di sincronizzazione deve essere di 0 secondi o più.',
  connection_incomplete: 'Il sincronizzatore ha bisogno di {field} per connettersi.',
  not_found: 'Il sincronizzatore {id} non esiste.',
  already_running: 'Il sincronizzatore {id} è già in esecuzione; riprova quando avrà finito.',
  busy: 'Ci sono troppi sincronizzatori in esecuzione; riprova tra poco.',
  address_refused:
    'L’host del database {host} si trova su una rete privata o riservata, che i sincronizzatori non possono raggiungere.',
  timeout: 'Il database non ha risposto in tempo: {detail}',
  too_many_rows: 'La tabella ha più righe di quante ne legga un’esecuzione ({max}).',
  too_much_data: 'Il database ha inviato più dati di quanti ne legga un’esecuzione.',
  failed: 'La sincronizzazione non è riuscita: {detail}',
  row_rejected: 'La riga {row} ({key}) non è stata sincronizzata: {reason}',
} satisfies NamespaceMessages<'syncer'>;
