import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'Senden Sie die Datei im Multipart-Feld „file“.',
  user_and_path_required: 'Die Parameter „user“ und „fullFilePath“ sind erforderlich.',
  path_invalid:
    'Der Pfad in „{field}“ ist nicht erlaubt: Er darf keine Teile „.“ oder „..“, keine Backslashes und keine Steuerzeichen enthalten und höchstens {max} Zeichen lang sein.',
  path_conflict:
    'Der Pfad ist durch einen Ordner oder eine Datei anderen Namens belegt oder führt über einen symbolischen Link.',
  storage_type_not_supported:
    'Speicheranbieter vom Typ „{type}“ werden nicht unterstützt; verwenden Sie „Local File System“, „AWS S3“ oder „MinIO“.',
  storage_settings_incomplete:
    'Der Speicheranbieter benötigt einen Endpunkt, einen gültigen Bucket-Namen, einen Zugriffsschlüssel und einen geheimen Schlüssel.',
  storage_failed: 'Der Speicher hat die Datei abgelehnt (HTTP-Status {status}).',
  storage_unreachable: 'Der Speicher war nicht erreichbar.',
  file_not_found: 'Diese Datei gibt es nicht.',
} satisfies NamespaceMessages<'resource'>;
