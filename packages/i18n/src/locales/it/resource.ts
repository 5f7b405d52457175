import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'Invia il file nel campo multipart "file".',
  user_and_path_required: 'I parametri "user" e "fullFilePath" sono obbligatori.',
  path_invalid:
    'Il percorso in "{field}" non è consentito: non può contenere parti "." o "..", barre rovesciate o caratteri di controllo, e può avere al massimo {max} caratteri.',
  path_conflict:
    'Il percorso è occupato da una cartella o da un file con un altro nome, oppure passa per un collegamento simbolico.',
  storage_type_not_supported:
    'I provider di archiviazione di tipo "{type}" non sono supportati; usa "Local File System", "AWS S3" o "MinIO".',
  storage_settings_incomplete:
    'Il provider di archiviazione richiede un endpoint, un nome di bucket valido, una chiave di accesso e una chiave segreta.',
  storage_failed: 'L’archiviazione ha rifiutato il file (stato HTTP {status}).',
  storage_unreachable: 'Impossibile raggiungere l’archiviazione.',
  file_not_found: 'Questo file non esiste.',
} satisfies NamespaceMessages<'resource'>;
