import type { NamespaceMessages } from '../../types.ts';

export default {
  type_not_supported:
    'Les synchroniseurs de type « {type} » ne sont pas pris en charge : Latchkey n’exécute que les synchroniseurs « Database ».',
  database_type_not_supported:
    'Le type de base de données « {databaseType} » n’est pas pris en charge : utilisez postgres ou mysql.',
  ssh_not_supported:
    'Les tunnels SSH ne sont pas pris en charge : laissez le synchroniseur se connecter directement à la base de données.',
  ssl_mode_invalid: 'Le mode SSL « {sslMode} » n’est pas pris en charge : utilisez disable, require ou verify-full.',
  host_invalid: 'L’hôte doit être un nom d’hôte ou une adresse IP.',
  port_invalid: 'Le port doit être compris entre 1 et 65535.',
  table_invalid:
    'Le nom de table « {name} » n’est pas autorisé : utilisez des lettres, des chiffres, des traits de soulignement et des tirets (schema.table au plus).',
  column_invalid:
    'Le nom de colonne « {name} » n’est pas autorisé : utilisez des lettres, des chiffres, des traits de soulignement et des tirets (« first+last » joint des colonnes).',
  field_not_syncable: 'Un synchroniseur ne peut pas remplir le champ utilisateur « {field} ».',
  columns_required:
    'Le synchroniseur a besoin des colonnes de la table : quelle colonne remplit quel champ utilisateur.',
  name_column_required: 'Le synchroniseur doit remplir le champ utilisateur Name (ou Id).',
  interval_invalid: 'L’intervalle de synchronisation doit être d’au moins 0 seconde.',
  connection_incomplete: 'Le synchroniseur a besoin de {field} pour se connecter.',
  not_found: 'Le synchroniseur {id} n’existe pas.',
  already_running: 'Le synchroniseur {id} est déjà en cours d’exécution ; réessayez quand il aura terminé.',
  busy: 'Trop de synchroniseurs sont en cours d’exécution ; réessayez dans un instant.',
  address_refused:
    'L’hôte de base de données {host} se trouve sur un réseau privé ou réservé, que les synchroniseurs ne peuvent pas atteindre.',
  timeout: 'La base de données n’a pas répondu à temps : {detail}',
  too_many_rows: 'La table a plus de lignes qu’une exécution n’en lit ({max}).',
  too_much_data: 'La base de données a envoyé plus de données qu’une exécution n’en lit.',
  failed: 'La synchronisation a échoué : {detail}',
  row_rejected: 'La ligne {row} ({key}) n’a pas été synchronisée : {reason}',
} satisfies NamespaceMessages<'syncer'>;
