export { groupedInsert, type GroupedInsert } from '@latchkey/db';
