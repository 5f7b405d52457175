import type { NamespaceMessages } from '../../types.ts';

export default {
  type_not_supported:
    'Synchronisierer vom Typ „{type}“ werden nicht unterstützt: Latchkey führt nur „Database“-Synchronisierer aus.',
  database_type_not_supported:
    'Der Datenbanktyp „{databaseType}“ wird nicht unterstützt: Verwenden Sie postgres oder mysql.',
  ssh_not_supported:
    'SSH-Tunnel werden nicht unterstützt: Lassen Sie den Synchronisierer direkt mit der Datenbank verbinden.',
  ssl_mode_invalid:
    'Der SSL-Modus „{sslMode}“ wird nicht unterstützt: Verwenden Sie disable, require oder verify-full.',
  host_invalid: 'Der Host muss ein Hostname oder eine IP-Adresse sein.',
  port_invalid: 'Der Port muss zwischen 1 und 65535 liegen.',
  table_invalid:
    'Der Tabellenname „{name}“ ist nicht erlaubt: Verwenden Sie Buchstaben, Ziffern, Unterstriche und Bindestriche (höchstens schema.table).',
  column_invalid:
    'Der Spaltenname „{name}“ ist nicht erlaubt: Verwenden Sie Buchstaben, Ziffern, Unterstriche und Bindestriche („first+last“ verbindet Spalten).',
  field_not_syncable: 'Das Benutzerfeld „{field}“ kann nicht von einem Synchronisierer gefüllt werden.',
  columns_required: 'Der Synchronisierer braucht seine Tabellenspalten: welche Spalte welches Benutzerfeld füllt.',
  name_column_required: 'Der Synchronisierer muss das Benutzerfeld Name (oder Id) füllen.',
  interval_invalid: 'Das Synchronisierungsintervall muss 0 Sekunden oder mehr betragen.',
  connection_incomplete: 'Der Synchronisierer braucht {field}, um sich zu verbinden.',
  not_found: 'Der Synchronisierer {id} existiert nicht.',
  already_running: 'Der Synchronisierer {id} läuft bereits; versuchen Sie es erneut, wenn er fertig ist.',
  busy: 'Es laufen zu viele Synchronisierer; versuchen Sie es gleich noch einmal.',
  address_refused:
    'Der Datenbankhost {host} liegt in einem privaten oder reservierten Netz, das Synchronisierer nicht erreichen dürfen.',
  timeout: 'Die Datenbank hat nicht rechtzeitig geantwortet: {detail}',
  too_many_rows: 'Die Tabelle hat mehr Zeilen, als ein Lauf liest ({max}).',
  too_much_data: 'Die Datenbank hat mehr Daten gesendet, als ein Lauf liest.',
  failed: 'Die Synchronisierung ist fehlgeschlagen: {detail}',
  row_rejected: 'Zeile {row} ({key}) wurde nicht synchronisiert: {reason}',
} satisfies NamespaceMessages<'syncer'>;
