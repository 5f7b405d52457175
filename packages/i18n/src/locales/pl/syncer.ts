import type { NamespaceMessages } from '../../types.ts';

export default {
  type_not_supported:
    'Synchronizatory typu „{type}” nie są obsługiwane: Latchkey uruchamia tylko synchronizatory „Database”.',
  database_type_not_supported: 'Typ bazy danych „{databaseType}” nie jest obsługiwany: użyj postgres lub mysql.',
  ssh_not_supported: 'Tunele SSH nie są obsługiwane: pozwól synchronizatorowi łączyć się bezpośrednio z bazą danych.',
  ssl_mode_invalid: 'Tryb SSL „{sslMode}” nie jest obsługiwany: użyj disable, require lub verify-full.',
  host_invalid: 'Host musi być nazwą hosta lub adresem IP.',
  port_invalid: 'Port musi mieścić się w zakresie od 1 do 65535.',
  table_invalid:
    'Nazwa tabeli „{name}” jest niedozwolona: użyj liter, cyfr, podkreśleń i łączników (najwyżej schema.table).',
  column_invalid:
    'Nazwa kolumny „{name}” jest niedozwolona: użyj liter, cyfr, podkreśleń i łączników („first+last” łączy kolumny).',
  field_not_syncable: 'Pole użytkownika „{field}” nie może być wypełniane przez synchronizator.',
  columns_required: 'Synchronizator potrzebuje kolumn tabeli: która kolumna wypełnia które pole użytkownika.',
  name_column_required: 'Synchronizator musi wypełniać pole użytkownika Name (lub Id).',
  interval_invalid: 'Odstęp synchronizacji musi wynosić 0 sekund lub więcej.',
  connection_incomplete: 'Synchronizator potrzebuje {field}, aby się połączyć.',
  not_found: 'Synchronizator {id} nie istnieje.',
  already_running: 'Synchronizator {id} już działa; spróbuj ponownie, gdy skończy.',
  busy: 'Działa zbyt wiele synchronizatorów; spróbuj ponownie za chwilę.',
  address_refused:
    'Host bazy danych {host} znajduje się w sieci prywatnej lub zarezerwowanej, do której synchronizatory nie mają dostępu.',
  timeout: 'Baza danych nie odpowiedziała na czas: {detail}',
  too_many_rows: 'Tabela ma więcej wierszy, niż odczytuje jedno uruchomienie ({max}).',
  too_much_data: 'Baza danych wysłała więcej danych, niż odczytuje jedno uruchomienie.',
  failed: 'Synchronizacja nie powiodła się: {detail}',
  row_rejected: 'Wiersz {row} ({key}) nie został zsynchronizowany: {reason}',
} satisfies NamespaceMessages<'syncer'>;
