import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'Envoyez le fichier dans le champ multipart « file ».',
  user_and_path_required: 'Les paramètres « user » et « fullFilePath » sont obligatoires.',
  path_invalid:
    'Le chemin de « {field} » n’est pas autorisé : il ne peut contenir ni parties « . » ou « .. », ni barres obliques inverses, ni caractères de contrôle, et compte au plus {max} caractères.',
  path_conflict: 'Le chemin est occupé par un dossier ou un fichier d’un autre nom, ou passe par un lien symbolique.',
  storage_type_not_supported:
    'Les fournisseurs de stockage de type « {type} » ne sont pas pris en charge ; utilisez « Local File System », « AWS S3 » ou « MinIO ».',
  storage_settings_incomplete:
    'Le fournisseur de stockage a besoin d’un point de terminaison, d’un nom de bucket valide, d’une clé d’accès et d’une clé secrète.',
  storage_failed: 'Le stockage a refusé le fichier (statut HTTP {status}).',
  storage_unreachable: 'Le stockage est injoignable.',
  file_not_found: 'Ce fichier n’existe pas.',
} satisfies NamespaceMessages<'resource'>;
