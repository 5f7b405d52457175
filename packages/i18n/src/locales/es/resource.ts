import type { NamespaceMessages } from '../../types.ts';

export default {
  file_required: 'Envíe el archivo como el campo multipart "file".',
  user_and_path_required: 'Los parámetros "user" y "fullFilePath" son obligatorios.',
  path_invalid:
    'La ruta de "{field}" no está permitida: no puede contener partes "." o "..", barras invertidas ni caracteres de control, y puede tener como máximo {max} caracteres.',
  path_conflict: 'La ruta está ocupada por una carpeta o un archivo de otro nombre, o pasa por un enlace simbólico.',
  storage_type_not_supported:
    'No se admiten proveedores de almacenamiento del tipo "{type}"; use "Local File System", "AWS S3" o "MinIO".',
  storage_settings_incomplete:
    'El proveedor de almacenamiento necesita un endpoint, un nombre de bucket válido, una clave de acceso y una clave secreta.',
  storage_failed: 'El almacenamiento rechazó el archivo (estado HTTP {status}).',
  storage_unreachable: 'No se pudo contactar con el almacenamiento.',
  file_not_found: 'No existe ese archivo.',
} satisfies NamespaceMessages<'resource'>;
